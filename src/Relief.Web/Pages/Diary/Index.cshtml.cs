using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Knowledge;
using Relief.Web.Diary;
using Relief.Web.SignIn;

namespace Relief.Web.Pages.Diary;

/// <summary>
/// The patient's daily diary: one short form (pain with body map and qualities, fatigue, sleep, mood, exertion,
/// a PEM crash, notes) that posts normally without JavaScript, and with it is queued on the device and synced
/// when the connection allows. A retried entry is recognised by its recorded time and never stored twice.
/// </summary>
public sealed class IndexModel(FollowUpStore store, DiaryForms forms) : PageModel
{
    public DiaryForms Forms => forms;

    public string PatientId { get; private set; } = "";

    /// <summary>How many entries the recent-entries list shows: the latest by the time they describe.</summary>
    public const int RecentCount = 7;

    /// <summary>An entry recorded this long after the time it describes (backdated, or queued offline) says when it was recorded.</summary>
    public static readonly TimeSpan RecordedLater = TimeSpan.FromMinutes(10);

    public IReadOnlyList<DiaryEntryView> Recent { get; private set; } = [];

    public FollowUpKnowledge FollowUp => store.FollowUp;

    public IReadOnlyList<StoreError> Errors { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, bool saved, CancellationToken cancellationToken)
    {
        if (!WebAccess.For(HttpContext).MayReach(id))
        {
            return Forbid();
        }

        Saved = saved;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The form posted without JavaScript: store, then redirect (post/redirect/get) so a reload does not resubmit.</summary>
    public async Task<IActionResult> OnPostAsync(string id, DiaryForm form, CancellationToken cancellationToken)
    {
        if (!WebAccess.For(HttpContext).MayReach(id))
        {
            return Forbid();
        }

        var (input, problems) = form.ToInput(forms);
        var result = problems.Count > 0 ? StoreResult<DiaryEntryView>.Invalid(problems) : await store.AddDiaryEntryAsync(id, input, WebClock.Actor(User), cancellationToken);
        if (result.Outcome == StoreOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        return RedirectToPage(new { id, saved = true });
    }

    /// <summary>An entry synced from the device's queue (JSON). The same recorded time twice is the same entry: answered, not stored again.</summary>
    public async Task<IActionResult> OnPostSyncAsync(string id, [FromBody] DiaryForm form, CancellationToken cancellationToken)
    {
        if (!WebAccess.For(HttpContext).MayReach(id))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var (input, problems) = form.ToInput(forms);
        if (problems.Count > 0)
        {
            return BadRequest(new { errors = problems });
        }

        if (input.At is not { } at)
        {
            return BadRequest(new { errors = new[] { new StoreError("at", "a synced entry carries the time it was recorded on the device") } });
        }

        var recent = await store.DiaryAsync(id, new PageRequest(200), WebClock.Actor(User), cancellationToken);
        if (recent.Outcome == StoreOutcome.NotFound)
        {
            return NotFound();
        }

        var same = recent.Value?.Items.FirstOrDefault(e => Math.Abs((e.At - at.ToUniversalTime()).TotalMilliseconds) < 1);
        if (same is not null)
        {
            return new JsonResult(new { id = same.Id, duplicate = true });
        }

        var result = await store.AddDiaryEntryAsync(id, input, WebClock.Actor(User), cancellationToken);
        return result.Succeeded
            ? new JsonResult(new { id = result.Value!.Id, duplicate = false }) { StatusCode = StatusCodes.Status201Created }
            : BadRequest(new { errors = result.Errors });
    }

    /// <summary>
    /// One line per entry: what was recorded, with its questionnaire scores in the words of their forms; nothing
    /// for what was not (an entry that only started a crash says so).
    /// </summary>
    public string Describe(DiaryEntryView e) => Parts(e) is { Length: > 0 } text ? text : "a crash after exertion (no other answers)";

    private string Parts(DiaryEntryView e) => string.Join(", ", new[]
    {
        e.Pain is { } pain ? $"pain {pain}/10" : null,
        e.Fatigue is { } fatigue ? $"fatigue {fatigue}/10" : null,
        e.SleepHours is { } sleep ? $"slept {sleep:0.#} h" : null,
        e.SleepQuality is { } quality ? $"sleep quality {quality}/10" : null,
        e.Mood is { } mood ? $"mood {mood}/10" : null,
        e.Exertion is { } exertion ? $"exertion {exertion}/10" : null,
        e.BodySites.Length > 0 ? "where: " + string.Join(", ", e.BodySites.Select(s => FollowUp.Regions.GetValueOrDefault(s)?.Name ?? s)) : null,
        e.PainQualities.Length > 0 ? "feels: " + string.Join(", ", e.PainQualities.Select(q => FollowUp.Qualities.GetValueOrDefault(q)?.Name ?? q)) : null,
        e.Measurements.Length > 0 ? string.Join(", ", e.Measurements.Select(m => forms.Describe(m.InstrumentId, m.Value))) : null,
        e.Notes,
    }.Where(part => part is not null));

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        PatientId = id;
        var actor = WebClock.Actor(User);
        var diary = await store.RecentDiaryAsync(id, RecentCount, actor, cancellationToken);
        if (diary.Outcome == StoreOutcome.NotFound)
        {
            return false;
        }

        var items = diary.Value;
        var scores = await store.DiaryScoresAsync(id, [.. items.Select(e => e.Id)], actor, cancellationToken);
        Recent = [.. items.Select(e => scores.TryGetValue(e.Id, out var measured) ? e with { Measurements = measured } : e)];
        return true;
    }
}

/// <summary>The diary form as posted; empty fields stay unrecorded (null), never zero.</summary>
public sealed class DiaryForm
{
    public int? Pain { get; set; }

    public int? Fatigue { get; set; }

    public int? Exertion { get; set; }

    public decimal? SleepHours { get; set; }

    public int? SleepQuality { get; set; }

    public int? Mood { get; set; }

    public List<string> BodySites { get; set; } = [];

    public List<string> PainQualities { get; set; } = [];

    public int? PemSeverity { get; set; }

    public string? Notes { get; set; }

    /// <summary>The device's time of recording (the offline queue sends it; a plain post is recorded now).</summary>
    public DateTime? At { get; set; }

    /// <summary>Questionnaire answers by question id (knowledge/follow-up/diary-forms.yaml), scored into instruments.</summary>
    public Dictionary<string, int> Answers { get; set; } = [];

    /// <summary>The store's input, with each answered questionnaire scored; or why a questionnaire cannot be scored.</summary>
    public (DiaryInput Input, IReadOnlyList<StoreError> Errors) ToInput(DiaryForms forms)
    {
        var scores = new List<InstrumentAnswer>();
        var errors = new List<StoreError>();
        var known = forms.Forms.SelectMany(f => f.Questions).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(Answers.Keys.Where(k => !known.Contains(k)).Select(k => new StoreError("answers", $"unknown question '{k}'")));
        foreach (var form in forms.Forms)
        {
            var (score, error) = form.Score(Answers);
            scores.AddRange(score);
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        return (ToInput() with { At = At, Instruments = scores }, errors);
    }

    private DiaryInput ToInput() => new()
    {
        Pain = Pain,
        Fatigue = Fatigue,
        Exertion = Exertion,
        SleepHours = SleepHours,
        SleepQuality = SleepQuality,
        Mood = Mood,
        BodySites = BodySites,
        PainQualities = PainQualities,
        PemSeverity = PemSeverity,
        Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
    };
}
