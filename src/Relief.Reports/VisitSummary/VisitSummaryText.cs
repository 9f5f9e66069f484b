using System.Globalization;
using Relief.Core.Knowledge;
using Relief.Store.Application;

namespace Relief.Reports.VisitSummary;

/// <summary>The lines both renderings print, so the HTML page and the PDF say the same words.</summary>
public static class VisitSummaryText
{
    public static string Header(VisitSummary s) =>
        $"{s.Name ?? s.PatientId}{(s.BirthDate is { } born ? $", born {born:yyyy-MM-dd}" : "")} · summary as of {s.AsOf:yyyy-MM-dd}, changes since {s.Since:yyyy-MM-dd} · knowledge {s.KnowledgeVersion}";

    public static string Medicine(CourseView c) =>
        $"{c.DrugName}{(c.CurrentDose is { } dose ? $", {dose}" : "")}{(c.Start is { } start ? $", since {start:yyyy-MM-dd}" : "")}" +
        (c.Stop is { } stop ? $", stopped {stop:yyyy-MM-dd}{(c.StopReason is { } why ? $" ({why})" : "")}" : "") +
        (c.Adherence is { } a && a.Taken + a.Partly + a.Missed > 0
            ? $"; adherence: taken {a.Taken}, partly {a.Partly}, missed {a.Missed} ({(100m * a.Taken / (a.Taken + a.Partly + a.Missed)).ToString("0", CultureInfo.InvariantCulture)}% taken)"
            : "; adherence not recorded");

    public static string SideEffect(AdverseEventView e) =>
        $"{e.Onset:yyyy-MM-dd}: {e.Description} ({e.Severity}){(e.SuspectedDrug is { } drug ? $", suspected {drug}" : "")}";

    public static string Goal(GoalView g) =>
        $"{g.Text}{(g.Target is { } t ? $" (target {t}{(g.DueDate is { } d ? $" by {d:yyyy-MM-dd}" : "")})" : g.DueDate is { } due ? $" (by {due:yyyy-MM-dd})" : "")}: {g.Lifecycle}{(g.Achievement is { } a ? $", {a}" : "")}";

    public static string Finding(Relief.Core.Assessment.Findings.Finding f) =>
        $"[{WireName.Of(f.Severity)}] {f.Title}. {f.Action} ({string.Join("; ", f.Sources.Select(x => x.Label).Distinct(StringComparer.Ordinal))})";

    public static string Task(TaskView t) => $"[{t.Severity}] due {t.DueDate:yyyy-MM-dd}: {t.Message}";
}
