using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Knowledge;
using Relief.Web.SignIn;

namespace Relief.Web.Pages.Diary;

/// <summary>
/// The patient's daily diary: one short form (pain with body map and qualities, fatigue, sleep, mood, exertion,
/// a PEM crash, notes) that posts normally without JavaScript, and with it is queued on the device and synced
/// when the connection allows. A retried entry is recognised by its recorded time and never stored twice.
/// </summary>
public sealed class IndexModel(FollowUpStore store) : PageModel
{
    public string PatientId { get; private set; } = "";

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

        var result = await store.AddDiaryEntryAsync(id, form.ToInput(), WebClock.Actor(User), cancellationToken);
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
    public async Task<IActionResult> OnPostSyncAsync(string id, [FromBody] DiaryInput input, CancellationToken cancellationToken)
    {
        if (!WebAccess.For(HttpContext).MayReach(id))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (input?.At is not { } at)
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

    /// <summary>One line per entry: what was recorded, nothing for what was not.</summary>
    public static string Describe(DiaryEntryView e) => string.Join(", ", new[]
    {
        e.Pain is { } pain ? $"pain {pain}/10" : null,
        e.Fatigue is { } fatigue ? $"fatigue {fatigue}/10" : null,
        e.SleepHours is { } sleep ? $"slept {sleep:0.#} h" : null,
        e.Mood is { } mood ? $"mood {mood}/10" : null,
        e.Exertion is { } exertion ? $"exertion {exertion}/10" : null,
        e.Notes,
    }.Where(part => part is not null));

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        PatientId = id;
        var diary = await store.DiaryAsync(id, new PageRequest(7), WebClock.Actor(User), cancellationToken);
        Recent = diary.Value?.Items ?? [];
        return diary.Outcome != StoreOutcome.NotFound;
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

    public DiaryInput ToInput() => new()
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
