using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Reports.Timeline;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Web.SignIn;

namespace Relief.Web.Pages.Diary;

/// <summary>
/// The patient's energy envelope for pacing (ME/CFS, NICE NG206 energy management): each day's highest recorded
/// exertion over the last weeks, the crashes (post-exertional malaise) that followed, and the exertion of the
/// days that were not followed by a crash. It describes the diary; it sets no target and gives no advice to
/// change treatment ("talk to your clinician").
/// </summary>
public sealed class EnergyModel(FollowUpStore store, KnowledgeBase knowledge, TimeProvider clock) : PageModel
{
    /// <summary>The entries read for the view: more than a month of several entries a day.</summary>
    public const int MaxEntries = 1000;

    public string PatientId { get; private set; } = "";

    public IReadOnlyList<EnergyDay> Days { get; private set; } = [];

    public PacingKnowledge Pacing => store.FollowUp.Pacing;

    public Therapy? EnergyManagement => knowledge.Therapies.GetValueOrDefault("energy-management");

    public Source? Nice => knowledge.Sources.GetValueOrDefault("nice-ng206");

    public TimeSeriesChart Chart { get; private set; } = null!;

    /// <summary>The highest exertion on a day no crash followed, or null when every recorded day was followed by one.</summary>
    public int? CrashFreeMax => Days.Where(d => d.Exertion is not null && !d.FollowedByCrash).Max(d => d.Exertion);

    public (int Min, int Max)? CrashLinked => Days.Where(d => d.Exertion is not null && d.FollowedByCrash).Select(d => d.Exertion!.Value).ToList() is { Count: > 0 } linked
        ? (linked.Min(), linked.Max())
        : null;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!WebAccess.For(HttpContext).MayReach(id))
        {
            return Forbid();
        }

        var actor = WebClock.Actor(User);
        var overview = await store.GetPatientAsync(id, actor, recentDiary: 0, cancellationToken);
        if (overview.Outcome == StoreOutcome.NotFound)
        {
            return NotFound();
        }

        PatientId = id;
        var today = WebClock.Today(clock);
        var first = today.PlusDays(-(Pacing.RecentCrashDays - 1));
        var diary = await store.DiaryAsync(id, new PageRequest(MaxEntries), actor, cancellationToken);
        Days = EnergyDay.Build(first, today, diary.Value?.Items ?? [], overview.Value!.PemEpisodes, Pacing);
        Chart = new TimeSeriesChart("energy", "Highest exertion each day (0 rest, 10 maximal)", "score",
            [.. Days.Where(d => d.Exertion is not null).Select(d => new ChartPoint(d.Date, d.Exertion!.Value, ""))],
            [.. Days.Where(d => d.CrashSeverity is not null).Select(d => new ChartMarker(d.Date, $"crash {d.CrashSeverity}/10"))])
        {
            Min = 0,
            Max = 10,
            Gaps = [.. Days.Where(d => d.Exertion is null).Select(d => d.Date)],
        };
        return Page();
    }
}

/// <summary>
/// One day of the envelope: the highest exertion recorded that day, the most severe crash that started that day,
/// and whether a crash started within the pacing window after that day's exertion (pacing.yaml: 24-72 h, a convention).
/// </summary>
public sealed record EnergyDay(LocalDate Date, int? Exertion, int? CrashSeverity, bool FollowedByCrash)
{
    public static IReadOnlyList<EnergyDay> Build(LocalDate first, LocalDate last, IEnumerable<DiaryEntryView> diary, IEnumerable<PemEpisodeView> crashes, PacingKnowledge pacing)
    {
        var entries = diary.Where(e => e.Exertion is not null).ToList();
        var starts = crashes.ToList();
        var days = new List<EnergyDay>();
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            var date = day;
            var exertions = entries.Where(e => LocalDate.FromDateTime(e.At) == date).ToList();
            var crash = starts.Where(c => LocalDate.FromDateTime(c.StartedAt) == date).Select(c => (int?)c.Severity).Max();
            var followed = exertions.Any(e => starts.Any(c =>
                c.StartedAt - e.At >= TimeSpan.FromHours(pacing.ToHoursBefore) && c.StartedAt - e.At <= TimeSpan.FromHours(pacing.FromHoursBefore)));
            days.Add(new EnergyDay(date, exertions.Count > 0 ? exertions.Max(e => e.Exertion) : null, crash, followed));
        }

        return days;
    }
}
