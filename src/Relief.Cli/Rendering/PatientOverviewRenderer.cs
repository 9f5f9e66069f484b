using System.Globalization;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Store.Application;
using Relief.Store.Assessment;

namespace Relief.Cli.Rendering;

/// <summary>`relief patients show`: the stored record, then what the engine says of the whole history.</summary>
public sealed class PatientOverviewRenderer(TextWriter output)
{
    public void Render(PatientOverview overview, StoredAssessment stored)
    {
        var p = overview.Patient;
        output.WriteLine($"{p.Id}  {p.Name}  born {Date(p.BirthDate)}  {p.Sex}  (version {p.Version})");
        output.WriteLine($"conditions: {(overview.Conditions.IsEmpty ? "none stored" : string.Join("; ", overview.Conditions))}");
        output.WriteLine();
        output.WriteLine("Medicines");
        foreach (var c in overview.Courses)
        {
            var adherence = c.Adherence is { } a ? $"  adherence: {a.Taken} taken, {a.Partly} partly, {a.Missed} missed" : "";
            var stop = c.Stop is { } s ? $" - {s:yyyy-MM-dd} ({c.StopReason})" : "";
            output.WriteLine($"  [{c.Id}] {c.DrugName}  {c.Use}  from {Date(c.Start)}{stop}  {c.CurrentDose}{adherence}");
        }

        output.WriteLine();
        output.WriteLine($"Diary ({overview.DiaryEntryCount} entries, {overview.MeasurementCount} instrument scores); latest:");
        foreach (var d in overview.RecentDiary)
        {
            var parts = new[]
            {
                d.Pain is { } pain ? $"pain {pain}" : null,
                d.Fatigue is { } f ? $"fatigue {f}" : null,
                d.Exertion is { } e ? $"exertion {e}" : null,
                d.SleepHours is { } h ? $"sleep {h.ToString(CultureInfo.InvariantCulture)} h" : null,
                d.Mood is { } m ? $"mood {m}" : null,
                d.BodySites.IsEmpty ? null : string.Join("/", d.BodySites),
                d.PainQualities.IsEmpty ? null : string.Join("/", d.PainQualities),
                d.Notes,
            }.Where(x => x is not null);
            output.WriteLine($"  {d.At:yyyy-MM-dd HH:mm}  {string.Join(", ", parts)}");
        }

        if (!stored.PainTrend.IsEmpty)
        {
            output.WriteLine("  weekly mean pain: " + string.Join("  ", stored.PainTrend.Select(w => $"{w.WeekStart:MM-dd} {w.Mean.ToString("0.0", CultureInfo.InvariantCulture)}")));
        }

        foreach (var crash in overview.PemEpisodes.TakeLast(5))
        {
            output.WriteLine($"  PEM crash {crash.StartedAt:yyyy-MM-dd HH:mm} severity {crash.Severity}; exertion 24-72 h before: {(crash.PriorExertion.IsEmpty ? "none recorded" : string.Join(", ", crash.PriorExertion.Select(e => $"{e.Exertion} ({e.At:MM-dd HH:mm})")))}");
        }

        if (!overview.AdverseEvents.IsEmpty)
        {
            output.WriteLine();
            output.WriteLine("Side effects");
            foreach (var e in overview.AdverseEvents)
            {
                output.WriteLine($"  {e.Onset:yyyy-MM-dd}  {e.Severity}  {e.Description}{(e.SuspectedDrug is { } drug ? $"  (suspected: {drug})" : "")}");
            }
        }

        var assessment = stored.Assessment;
        output.WriteLine();
        output.WriteLine($"Assessment as of {assessment.AsOf:yyyy-MM-dd} from the whole stored history (knowledge {assessment.KnowledgeVersion})");
        var findings = assessment.Findings.Where(f => f.Severity > Severity.Info || f.Family == FindingFamily.Response).ToList();
        foreach (var f in findings)
        {
            output.WriteLine($"  {WireName.Of(f.Severity),-15} {f.Title}");
            if (f.Action.Length > 0)
            {
                output.WriteLine($"  {"",-15} {f.Action}");
            }

            if (!f.Sources.IsDefaultOrEmpty)
            {
                output.WriteLine($"  {"",-15} sources: {string.Join("; ", f.Sources.Select(s => s.Label))}");
            }
        }

        if (findings.Count == 0)
        {
            output.WriteLine("  no safety, monitoring or response findings");
        }

        foreach (var advice in stored.Pacing)
        {
            output.WriteLine($"  pacing          {advice.Text}");
            output.WriteLine($"  {"",-15} source: {advice.Source.Label}; after {advice.Crashes.Length} crash(es) in the last weeks");
        }

        output.WriteLine();
        output.WriteLine($"Open tasks: {(overview.OpenTasks.IsEmpty ? "none" : "")}");
        foreach (var t in overview.OpenTasks)
        {
            output.WriteLine($"  {t.DueDate:yyyy-MM-dd}  {t.Severity,-10} {t.Kind,-18} {t.Message}");
        }

        output.WriteLine();
        output.WriteLine(PatientAssessment.Disclaimer);
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";
}
