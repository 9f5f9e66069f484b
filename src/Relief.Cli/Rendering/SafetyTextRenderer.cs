using System.Globalization;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Spectre.Console;

namespace Relief.Cli.Rendering;

/// <summary>
/// The safety part of the clinician's summary, shown before the options because it can stop a plan:
/// what is unsafe and why, what must be checked, whether current treatment works, and what could not be judged.
/// </summary>
public sealed class SafetyTextRenderer(IAnsiConsole console)
{
    public void Render(PatientAssessment a)
    {
        // A deceased patient gets no therapy advice, so no "no caution found" either (the header says why).
        if (a.Deceased is not null)
        {
            return;
        }

        RenderSafety(a.Safety);
        RenderMonitoring(a.Monitoring);
        RenderResponse(a.Response);
    }

    public void RenderCouldNotCheck(PatientAssessment a)
    {
        var unknown = a.Safety.Cautions.Where(c => c.FactorUnknown).Select(c => $"{Ingredients(c.IngredientIds)}: {c.FactorName}")
            .Concat(a.DataQuality.Where(q => q.Kind != DataQualityKind.RenalFunctionUnknown).Select(q => q.Message))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]Could not check[/] [grey](missing or unconvertible data; nothing here means \"safe\")[/]");
        foreach (var line in unknown)
        {
            console.MarkupLine($"  [yellow]?[/] {Markup.Escape(line)}");
        }

        console.WriteLine();
    }

    private void RenderSafety(SafetyReport safety)
    {
        var rows = new List<(int Rank, string Severity, string What, string Because, string Do)>();
        foreach (var c in safety.Cautions.Where(c => !c.FactorUnknown))
        {
            rows.Add((Rank(c.Severity), Severity(Words.Of(c.Severity), Rank(c.Severity)),
                $"{Markup.Escape(Ingredients(c.IngredientIds))} with {Markup.Escape(c.FactorName)}{(c.BoxedWarning ? " [red](boxed warning)[/]" : "")}",
                Because(c.Facts, c.Computed, c.Rationale),
                Do(c.Action, c.Sources)));
        }

        foreach (var i in safety.Interactions)
        {
            var what = i.Kind == InteractionKind.Count
                ? $"{i.IngredientIds.Length} CNS-active drugs: {Ingredients(i.IngredientIds)}"
                : Ingredients(i.IngredientIds, " + ");
            rows.Add((Rank(i.Severity), Severity(Words.Of(i.Severity), Rank(i.Severity)),
                $"{Markup.Escape(what)}{(i.OncHighPriority ? " [red](ONC high-priority)[/]" : "")}",
                Because(i.Facts, [], i.Mechanism),
                Do(i.Management, i.Sources)));
        }

        foreach (var d in safety.Doses)
        {
            var limit = d.Limit is { } l ? $", limit {l}" : "";
            rows.Add((Rank(d.Severity), Severity(Words.Of(d.Severity), Rank(d.Severity)),
                Markup.Escape($"{Ingredients(d.IngredientIds)}: {Value(d.Computed)}{limit}"),
                Because(d.Facts, d.Context, d.Rationale),
                Do(d.Action, d.Sources)));
        }

        if (rows.Count == 0)
        {
            console.MarkupLine("[green]Safety:[/] no caution, interaction or dose problem found in the knowledge base for this record.");
            console.WriteLine();
            return;
        }

        console.MarkupLine("[bold underline]Safety[/]");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Severity");
        table.AddColumn("Problem");
        table.AddColumn("Because");
        table.AddColumn("What to do");
        foreach (var row in rows.OrderBy(r => r.Rank))
        {
            table.AddRow(row.Severity, row.What, row.Because, row.Do);
        }

        console.Write(table);
        console.WriteLine();
    }

    private void RenderMonitoring(IReadOnlyList<MonitoringFinding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold underline]Monitoring[/]");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Status");
        table.AddColumn("Drug");
        table.AddColumn("Finding");
        table.AddColumn("Sources");
        foreach (var m in findings)
        {
            var status = m.Kind switch
            {
                MonitoringFindingKind.ThresholdBreached => $"[red]{Markup.Escape(m.Action is { } action ? Words.Of(action) : "threshold")}[/]",
                MonitoringFindingKind.BaselineMissing => "[darkorange]baseline missing[/]",
                MonitoringFindingKind.Overdue => "[yellow]overdue[/]",
                _ => "[grey]consider[/]",
            };
            var detail = Markup.Escape(m.Message);
            if (m.DueDate is { } due)
            {
                detail += $" [grey](due {due:yyyy-MM-dd}{(m.LastResult is { } last ? $", last {last:yyyy-MM-dd}" : ", never done")})[/]";
            }

            if (m.RepeatToConfirm)
            {
                detail += " [yellow](repeat to confirm)[/]";
            }

            if (m.LocalConvention)
            {
                detail += " [grey](window is a local convention)[/]";
            }

            table.AddRow(status, Markup.Escape(m.ProtocolName), detail, Markup.Escape(Labels(m.Sources)));
        }

        console.Write(table);
        console.WriteLine();
    }

    private void RenderResponse(IReadOnlyList<ResponseFinding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold underline]Is the treatment working?[/]");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Drug");
        table.AddColumn("Pain score");
        table.AddColumn("Change");
        table.AddColumn("Decision");
        // A combination product gets one finding per ingredient; when they say the same, show one row.
        var rows = findings.GroupBy(r => (r.Medication.Reference, r.Baseline.Reference, r.FollowUp.Reference, r.Decision, r.BandId, r.AfterAdequateTrial));
        foreach (var group in rows)
        {
            var r = group.First();
            var change = r.NotAssessable
                ? "not assessable (baseline 0)"
                : r.ReductionPercent is < 0
                    ? $"{(-r.ReductionPercent.Value).ToString("0.#", CultureInfo.InvariantCulture)}% higher: {r.BandLabel ?? r.BandId}"
                    : $"{r.ReductionPercent?.ToString("0.#", CultureInfo.InvariantCulture)}% lower: {r.BandLabel ?? r.BandId}";
            var trial = r.AfterAdequateTrial switch
            {
                true => $"after the adequate trial ({r.AdequateTrialMinWeeks} weeks)",
                false => $"before the adequate trial ({r.WeeksOnDrug.ToString("0.#", CultureInfo.InvariantCulture)} of {r.AdequateTrialMinWeeks} weeks)",
                null => "no adequate-trial length in the knowledge base",
            };
            var decision = r.Decision is { } d ? $"[bold]{Markup.Escape(Words.Of(d))}[/]: {Markup.Escape(r.DecisionText ?? "")}" : "[grey]no decision rule[/]";
            foreach (var taper in group.SelectMany(g => g.Taper).DistinctBy(t => t.Text))
            {
                decision += $"\n[yellow]taper:[/] {Markup.Escape(taper.Text)}";
            }

            // A caution on the same drug qualifies the decision and is shown with it (engine note, see SafetyEngine).
            foreach (var caution in group.SelectMany(g => g.Notes).Where(n => n.Contains("see caution", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
            {
                decision += $"\n[red]but:[/] {Markup.Escape(caution)}";
            }

            var ingredients = group.Count() > 1 ? $"\n[grey]{Markup.Escape(string.Join(" + ", group.Select(g => g.IngredientId)))}[/]" : "";
            table.AddRow(
                Markup.Escape(r.Medication.Display) + ingredients,
                Markup.Escape($"{r.InstrumentName}: {Score(r.Baseline)} ({r.Baseline.Date:yyyy-MM-dd}) → {Score(r.FollowUp)} ({r.FollowUp.Date:yyyy-MM-dd})"),
                Markup.Escape($"{change}; {trial}"),
                decision);
        }

        console.Write(table);
        console.WriteLine();
    }

    private static string Because(IEnumerable<FactReference> facts, IEnumerable<ComputedValue> computed, string rationale)
    {
        var lines = facts.Select(f =>
            $"[grey]{Markup.Escape(f.Display)}{(f.Value is { } v ? $" {v.ToString(CultureInfo.InvariantCulture)} {f.Unit}" : "")}{(f.Date is { } d ? $" ({d:yyyy-MM-dd})" : "")}{(f.Role is { } r ? $", {Markup.Escape(r)}" : "")}[/]")
            .Concat(computed.Select(c => $"[grey]{Markup.Escape(Value(c))}[/]"))
            .Append(Markup.Escape(rationale));
        return string.Join("\n", lines);
    }

    private static string Score(FactReference score) => score.Value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?";

    private static string Do(string action, IEnumerable<SourceCitation> sources) =>
        $"{Markup.Escape(action)}\n[grey]{Markup.Escape(Labels(sources))}[/]";

    private static string Labels(IEnumerable<SourceCitation> sources) => string.Join("; ", sources.Select(s => s.Label).Distinct(StringComparer.Ordinal));

    private static string Value(ComputedValue c) =>
        $"{Words.Of(c.Name)} {c.Value.ToString("0.##", CultureInfo.InvariantCulture)} {c.Unit}{(c.Method.Length > 0 ? $" ({c.Method})" : "")}";

    private static string Ingredients(IEnumerable<string> ids, string separator = ", ") => string.Join(separator, ids);


    private static int Rank(CautionSeverity s) => s switch { CautionSeverity.Contraindicated => 0, CautionSeverity.Avoid => 1, _ => 2 };

    private static int Rank(InteractionSeverity s) => s switch { InteractionSeverity.Contraindicated => 0, InteractionSeverity.Major => 1, _ => 2 };

    private static int Rank(DoseSeverity s) => s == DoseSeverity.Major ? 1 : 2;

    private static string Severity(string words, int rank) => $"[{(rank switch { 0 => "red bold", 1 => "red", _ => "yellow" })}]{words}[/]";
}
