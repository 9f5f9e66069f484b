using System.Globalization;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Spectre.Console;

namespace Relief.Cli.Rendering;

/// <summary>
/// The findings part of the clinician's summary, read from <see cref="PatientAssessment.Findings"/> (one shape,
/// one severity scale, already in clinical order): what needs action first, with what could not be checked
/// beside it; then monitoring folded to one row per drug; then whether each current treatment works.
/// </summary>
public sealed class FindingTextRenderer(IAnsiConsole console, KnowledgeBase knowledge, TextOptions options)
{
    private static readonly string ThresholdKind = WireName.Of(MonitoringFindingKind.ThresholdBreached);

    /// <summary>Cautions, interactions, doses and breached thresholds: what can stop a plan.</summary>
    public static bool NeedsAction(Finding f) =>
        !f.Unchecked && (f.Family is FindingFamily.Caution or FindingFamily.Interaction or FindingFamily.Dose
            || (f.Family == FindingFamily.Monitoring && f.Kind == ThresholdKind));

    public void Render(PatientAssessment a)
    {
        // A deceased patient gets no therapy advice, so no all-clear either (the header says why); only what could not be judged.
        if (a.Deceased is not null)
        {
            RenderUnchecked(a.Findings.Where(f => f.Unchecked && f.Kind != WireName.Of(DataQualityKind.PatientDeceased)).ToList());
            return;
        }

        RenderActions(a.Findings.Where(NeedsAction).ToList());
        RenderUnchecked(a.Findings.Where(f => f.Unchecked).ToList());
        RenderMonitoring(a.Findings.Where(f => f.Family == FindingFamily.Monitoring && f.Kind != ThresholdKind).ToList());
        RenderResponse(a.Findings.Where(f => f.Family == FindingFamily.Response).ToList());
    }

    private void RenderActions(List<Finding> findings)
    {
        if (findings.Count == 0)
        {
            console.MarkupLine("[green]Safety:[/] no caution, interaction, dose or threshold problem found.");
            return;
        }

        console.MarkupLine($"[bold underline]Needs action[/] [grey]({findings.Count}, most severe first)[/]");
        var grid = Grid();
        foreach (var f in findings)
        {
            var lines = new List<string> { $"[bold]{Markup.Escape(f.Title)}[/]" };
            lines.AddRange(f.Facts.Select(fact => $"[grey]{Markup.Escape(Fact(fact))}[/]"));
            lines.AddRange(f.Computed.Select(c => $"[grey]{Markup.Escape(Value(c))}[/]"));
            if (f.Why.Length > 0 && !f.Title.Contains(f.Why, StringComparison.Ordinal))
            {
                lines.Add(Markup.Escape(f.Why));
            }

            if (f.Action.Length > 0 && !f.Title.EndsWith(f.Action, StringComparison.Ordinal))
            {
                lines.Add($"[bold]do:[/] {Markup.Escape(f.Action)}");
            }

            lines.AddRange(f.Notes.Select(n => $"[yellow]note:[/] {Markup.Escape(n)}"));
            if (!f.Sources.IsEmpty)
            {
                lines.Add($"[grey]{Markup.Escape(Labels(f.Sources))}[/]");
            }

            grid.AddRow(new Markup(SeverityMarkup(f.Severity)), new Markup(string.Join("\n", lines)));
            grid.AddEmptyRow();
        }

        console.Write(grid);
    }

    /// <summary>Right beside the all-clear or the action list: an all-clear never stands alone when something could not be judged.</summary>
    private void RenderUnchecked(List<Finding> findings)
    {
        var lines = findings.Select(f => f.Title).Distinct(StringComparer.Ordinal).ToList();
        if (lines.Count > 0)
        {
            console.MarkupLine("[bold yellow]Could not check[/] [grey](missing or unconvertible data: nothing here means \"safe\")[/]");
            foreach (var line in lines)
            {
                console.Write(new Padder(new Markup($"[yellow]?[/] {Markup.Escape(line)}"), new Padding(2, 0, 0, 0)));
            }
        }

        console.WriteLine();
    }

    private void RenderMonitoring(List<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold underline]Monitoring[/] [grey](one row per drug)[/]");
        var grid = Grid();
        foreach (var drug in findings.GroupBy(f => string.Join(", ", f.IngredientIds.Select(Name))))
        {
            var lines = new List<string>();
            // The title names the drug, which the row already does; tests overdue on the same schedule
            // ("Albumin: due 2023-09-02, no result…", "Creatinine: due 2023-09-02, no result…") share one line.
            var shown = drug.Where(f => options.All || f.Severity > Severity.Info)
                .Select(f => (Finding: f, What: drug.Key.Length > 0 && f.Title.StartsWith(drug.Key + ": ", StringComparison.Ordinal) ? f.Title[(drug.Key.Length + 2)..] : f.Title));
            foreach (var same in shown.GroupBy(x => (x.Finding.Kind, Tail: x.What.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at ? x.What[(at + 2)..] : x.What, x.Finding.Why)))
            {
                var f = same.First().Finding;
                var what = same.Count() == 1
                    ? same.First().What
                    : $"{string.Join(", ", same.Select(x => x.What[..x.What.IndexOf(": ", StringComparison.Ordinal)]))}: {same.Key.Tail}";
                lines.Add($"[{KindStyle(f)}]{Markup.Escape(Words.Of(f.Kind))}:[/] {Markup.Escape(what)}");
                if (f.Why.Length > 0)
                {
                    lines.Add($"  [grey]{Markup.Escape(f.Why)}[/]");
                }
            }

            var consider = options.All ? 0 : drug.Count(f => f.Severity == Severity.Info);
            if (consider > 0)
            {
                lines.Add($"[grey]+{consider} test(s) to consider (--all)[/]");
            }

            // Notes that qualify several rows (a local convention) are said once per drug.
            lines.AddRange(drug.SelectMany(f => f.Notes).Distinct(StringComparer.Ordinal).Select(n => $"[yellow]note:[/] {Markup.Escape(n)}"));
            lines.Add($"[grey]{Markup.Escape(Labels(drug.SelectMany(f => f.Sources)))}[/]");
            grid.AddRow(new Markup($"[bold]{Markup.Escape(drug.Key.Length > 0 ? drug.Key : "(drug)")}[/]"), new Markup(string.Join("\n", lines)));
        }

        console.Write(grid);
        console.WriteLine();
    }

    private void RenderResponse(List<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold underline]Is the treatment working?[/]");
        var grid = Grid();

        // A combination product gets one finding per ingredient; when they say the same, show one row.
        foreach (var same in findings.GroupBy(f => (f.Title, f.Kind, f.Why, f.Action)))
        {
            var f = same.First();
            var lines = new List<string> { $"[bold]{Markup.Escape(f.Title)}[/]" };
            if (f.Why.Length > 0)
            {
                lines.Add(Markup.Escape(f.Why));
            }

            lines.AddRange(same.SelectMany(g => g.Notes).Distinct(StringComparer.Ordinal).Select(n => $"[yellow]note:[/] {Markup.Escape(n)}"));
            if (f.Action.Length > 0)
            {
                lines.Add($"[bold]do:[/] {Markup.Escape(f.Action)}");
            }

            grid.AddRow(new Markup($"[{(f.Severity > Severity.Info ? "yellow" : "green")}]{Markup.Escape(Words.Of(f.Kind))}[/]"), new Markup(string.Join("\n", lines)));
        }

        console.Write(grid);
        console.WriteLine();
    }

    private string Name(string ingredientId) => knowledge.Drugs.TryGetValue(ingredientId, out var drug) ? drug.Name : ingredientId;

    private static Grid Grid()
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadLeft(2).PadRight(2));
        grid.AddColumn(new GridColumn());
        return grid;
    }

    private static string SeverityMarkup(Severity severity) => severity switch
    {
        Severity.Contraindicated => "[red bold]contraindicated[/]",
        Severity.Major => "[red]major[/]",
        Severity.Moderate => "[yellow]moderate[/]",
        _ => "[grey]info[/]",
    };

    private static string KindStyle(Finding f) => f.Severity switch
    {
        >= Severity.Major => "red",
        Severity.Moderate => "yellow",
        _ => "grey",
    };

    private static string Fact(FactReference f) =>
        $"{f.Display}{(f.Value is { } v ? $" {v.ToString(CultureInfo.InvariantCulture)} {f.Unit}" : "")}" +
        $"{(f.Date is { } d || f.Role is not null ? $" ({string.Join(", ", new[] { f.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.Role }.Where(x => x is not null))})" : "")}";

    private static string Value(ComputedValue c) =>
        $"{Words.Of(c.Name)} {c.Value.ToString("0.##", CultureInfo.InvariantCulture)} {c.Unit}{(c.Method.Length > 0 ? $" ({c.Method})" : "")}";

    private static string Labels(IEnumerable<SourceCitation> sources) => string.Join("; ", sources.Select(s => s.Label).Distinct(StringComparer.Ordinal));
}
