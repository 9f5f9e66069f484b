using System.Globalization;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Fhir.Contract;
using Spectre.Console;

namespace Relief.Cli.Rendering;

/// <summary>
/// The clinician's summary, in the order a busy reader needs it: who; what needs action (and what could not
/// be checked, beside it); monitoring and response; per condition the strongest options and the patient's own
/// therapies with a one-line "not recommended"; the medications; what Relief could not place. <c>--all</c>
/// shows every option, every statement and every test to consider.
/// </summary>
public sealed class AssessmentTextRenderer(IAnsiConsole console, KnowledgeBase knowledge, TextOptions options)
{
    public void Render(AssessmentDocument document)
    {
        var a = document.Assessment!;
        console.Write(new Rule($"[bold]Relief assessment[/] {Markup.Escape(document.File ?? a.PatientId)}").LeftJustified());
        console.MarkupLine(Header(a));

        // Said first: a deceased patient gets no current-therapy advice (no options, reviews or safety all-clear).
        if (a.Deceased is { } death)
        {
            var when = death.On is { } on ? $"on {on:yyyy-MM-dd}" : "(date not recorded)";
            console.MarkupLine($"[bold red]Deceased[/] {when}: the record says the patient has died; no current-therapy advice is given.");
        }

        console.WriteLine();

        foreach (var warning in document.Warnings)
        {
            console.MarkupLine($"[yellow]input warning[/] {Markup.Escape(warning.Location)}: {Markup.Escape(warning.Message)}");
        }

        new FindingTextRenderer(console, knowledge, options).Render(a);

        if (a.Conditions.IsEmpty)
        {
            var scope = string.Join(", ", knowledge.Conditions.Select(c => c.Name));
            console.MarkupLine($"[grey]No condition in Relief's scope ({Markup.Escape(scope)}) is recorded as current.[/]");
            console.WriteLine();
        }

        foreach (var condition in a.Conditions)
        {
            RenderCondition(condition);
        }

        foreach (var aside in a.ConditionsSetAside)
        {
            console.MarkupLine(
                $"[grey]{Markup.Escape(aside.Name)} not assessed: recorded only as {Markup.Escape(string.Join(", ", aside.RecordedAs.Select(r => r.Display)))} beside {Markup.Escape(string.Join(", ", aside.Because))}. {Markup.Escape(aside.Reason)}[/]");
            console.WriteLine();
        }

        RenderMedications(a);
        RenderUnrecognised(a);
        if (!document.IgnoredResources.IsEmpty)
        {
            var ignored = string.Join(", ", document.IgnoredResources.Select(kv => $"{kv.Key} ×{kv.Value}"));
            console.MarkupLine($"[grey]Not read (outside what Relief uses): {Markup.Escape(ignored)}[/]");
            console.WriteLine();
        }

        console.MarkupLine($"[italic]{Markup.Escape(document.Disclaimer)}[/]");
        console.WriteLine();
    }

    private static string Header(PatientAssessment a)
    {
        var who = a.PatientName is { } name ? $"[bold]{Markup.Escape(name)}[/]" : $"Patient [bold]{Markup.Escape(a.PatientId)}[/]";
        var born = a.BirthDate is { } birth ? $"born {birth:yyyy-MM-dd}" : "birth date unknown";
        var age = a.Age is { } years ? $" ({years} y)" : "";
        var id = a.PatientName is null ? "" : $"Patient/{Markup.Escape(a.PatientId)} · ";
        return $"{who} · {born}{age} · {a.Sex.ToString().ToLowerInvariant()}\n[grey]{id}as of {a.AsOf:yyyy-MM-dd} · knowledge {Markup.Escape(a.KnowledgeVersion)}[/]";
    }

    private void RenderCondition(ConditionAssessment condition)
    {
        console.MarkupLine($"[bold underline]{Markup.Escape(condition.Name)}[/]");
        foreach (var recorded in condition.RecordedAs)
        {
            var flags = new List<string>();
            if (recorded.BroadMatch)
            {
                flags.Add($"broad code: wider than {condition.Name}");
            }

            if (recorded.Unconfirmed)
            {
                flags.Add("unconfirmed diagnosis");
            }

            if (recorded.CodingNote is { } note)
            {
                flags.Add(note);
            }

            var onset = recorded.Onset is { } d ? $", onset {d:yyyy-MM-dd}" : "";
            var suffix = flags.Count > 0 ? $" [yellow]({Markup.Escape(string.Join("; ", flags))})[/]" : "";
            Indented($"recorded as {Markup.Escape(recorded.Display)} [grey]({Markup.Escape(Code(recorded.Code))}{onset})[/]{suffix}");
        }

        // No options: a deceased patient's conditions are listed as facts only.
        if (condition.Options.IsEmpty)
        {
            console.WriteLine();
            return;
        }

        if (options.All)
        {
            RenderAllOptions(condition.Options);
            return;
        }

        var mine = condition.Options.Where(o => !o.PatientResources.IsEmpty).ToList();
        var strongest = condition.Options
            .Where(o => o.PatientResources.IsEmpty && o.Grade is EvidenceGrade.StrongFor or EvidenceGrade.WeakFor)
            .Take(options.StrongestOptions)
            .ToList();
        var against = condition.Options
            .Where(o => o.PatientResources.IsEmpty && o.Grade is EvidenceGrade.WeakAgainst or EvidenceGrade.StrongAgainst)
            .ToList();

        if (strongest.Count > 0)
        {
            console.MarkupLine("  [bold]Strongest options[/]");
            console.Write(OptionGrid(strongest));
        }

        if (mine.Count > 0)
        {
            console.MarkupLine("  [bold]Taken or offered by the patient[/]");
            console.Write(OptionGrid(mine));
        }

        if (against.Count > 0)
        {
            Indented($"[bold]Not recommended:[/] {Markup.Escape(string.Join("; ", against.Select(o => o.Name)))}");
        }

        var hidden = condition.Options.Length - strongest.Count - mine.Count - against.Count;
        if (hidden > 0)
        {
            Indented($"[grey]+{hidden} more option(s), and every statement with its source: relief assess --all[/]");
        }

        console.WriteLine();
    }

    private Grid OptionGrid(IEnumerable<TherapyOption> optionRows)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadLeft(4).PadRight(1).RightAligned());
        grid.AddColumn(new GridColumn().PadRight(2));
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn(new GridColumn());
        foreach (var option in optionRows)
        {
            var name = Markup.Escape(option.Name);
            if (option.ContestedNote is { } contested)
            {
                name += $"\n[yellow]{Markup.Escape(contested)}[/]";
            }

            foreach (var conflict in option.ConflictsWithOtherConditions)
            {
                name += $"\n[yellow]{conflict.Evidence.Grade.ToWireName()} {Markup.Escape(conflict.Evidence.SourceLabel)} for {Markup.Escape(conflict.ConditionName)}[/]";
            }

            grid.AddRow(
                option.Rank.ToString(CultureInfo.InvariantCulture),
                name,
                $"[{GradeStyle.Of(option.Grade)}]{option.Grade.ToWireName()}[/]",
                $"[grey]{Markup.Escape(string.Join(", ", option.Evidence.Select(e => e.SourceLabel).Distinct(StringComparer.Ordinal)))}[/]");
        }

        return grid;
    }

    /// <summary>Every option with every statement; columns that no row fills (line, NNT/NNH) are left out.</summary>
    private void RenderAllOptions(IReadOnlyList<TherapyOption> optionRows)
    {
        var withLine = optionRows.Any(o => o.Line is not null);
        var withNumbers = optionRows.Any(o => o.Evidence.Any(e => e.Nnt is not null));
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("#").NoWrap());
        table.AddColumn("Option");
        table.AddColumn(new TableColumn("Grade").NoWrap());
        if (withLine)
        {
            table.AddColumn(new TableColumn("Line").NoWrap());
        }

        if (withNumbers)
        {
            table.AddColumn(new TableColumn("NNT / NNH").NoWrap());
        }

        table.AddColumn("Sources");
        foreach (var option in optionRows)
        {
            var name = Markup.Escape(option.Name);
            if (!option.PatientResources.IsEmpty)
            {
                name += " [aqua](taken or offered)[/]";
            }

            if (option.ContestedNote is { } contested)
            {
                name += $"\n[yellow]{Markup.Escape(contested)}[/]";
            }

            if (option.OtherMembersListed)
            {
                name += $" [grey](other members: {Markup.Escape(string.Join(", ", option.ForMembers.Select(m => m.Name)))})[/]";
            }

            // Each statement says where it came from: the member itself, or one of its classes ("as Gabapentinoids").
            var sources = string.Join("\n", option.Evidence.Select(e =>
                $"[{GradeStyle.Of(e.Grade)}]{e.Grade.ToWireName()}[/] {Markup.Escape(e.SourceLabel)}"
                + (e.StatedFor.Id != option.TherapyId ? $" [grey](as {Markup.Escape(e.StatedFor.Name)})[/]" : "")
                + (e.Qualifier is { } q ? $" [grey]({Markup.Escape(q)})[/]" : "")
                + (e.InheritedFrom is { } from ? $" [grey](via {Markup.Escape(from)})[/]" : ""))
                .Concat(option.ConflictsWithOtherConditions.Select(c =>
                    $"[{GradeStyle.Of(c.Evidence.Grade)}]{c.Evidence.Grade.ToWireName()}[/] {Markup.Escape(c.Evidence.SourceLabel)} [yellow](for {Markup.Escape(c.ConditionName)})[/]")));
            var cells = new List<string> { option.Rank.ToString(CultureInfo.InvariantCulture), name, $"[{GradeStyle.Of(option.Grade)}]{option.Grade.ToWireName()}[/]" };
            if (withLine)
            {
                cells.Add(option.Line?.ToString(CultureInfo.InvariantCulture) ?? "");
            }

            if (withNumbers)
            {
                cells.Add(Markup.Escape(option.Evidence.FirstOrDefault(e => e.Nnt is not null) is { } n ? $"{n.Nnt} / {n.Nnh?.ToString() ?? "–"}" : ""));
            }

            cells.Add(sources);
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        console.WriteLine();
    }

    private void RenderMedications(PatientAssessment a)
    {
        if (a.Medications.IsEmpty)
        {
            console.MarkupLine("[grey]No current or proposed medications.[/]");
            console.WriteLine();
            return;
        }

        console.MarkupLine("[bold underline]Medication review[/]");
        foreach (var m in a.Medications)
        {
            var ingredients = m.Ingredients.IsEmpty ? "[red]ingredient not recognised[/]" : Markup.Escape(string.Join(" + ", m.Ingredients.Select(i => i.Name)));
            var duration = m.DaysOnTherapy switch
            {
                null => "",
                >= 365 and var days => $", {(days / 365.25).ToString("0.#", CultureInfo.InvariantCulture)} y",
                var days => $", {days} days",
            };
            Indented($"[bold]{Markup.Escape(m.Display)}[/]: [{GradeStyle.Of(m.Verdict)}]{ReviewVerdictText.Of(m.Verdict)}[/] [grey]({Words.Of(m.Use)}{duration}; {ingredients})[/]");

            // One line per grade and condition, with every source that says it; the summaries with --all.
            // A statement made for one of the drug's classes says so ("as Gabapentinoids").
            var lines = options.All
                ? m.Findings.Select(f =>
                    $"[{GradeStyle.Of(f.Evidence.Grade)}]{f.Evidence.Grade.ToWireName()}[/] for {Markup.Escape(f.ConditionName)}"
                    + (f.Evidence.StatedFor.Id != f.IngredientId ? $" [grey](as {Markup.Escape(f.Evidence.StatedFor.Name)})[/]" : "")
                    + $": {Markup.Escape(f.Evidence.Summary)} [grey]({Markup.Escape(f.Evidence.SourceLabel)}{(f.Evidence.Qualifier is { } q ? "; " + Markup.Escape(q) : "")})[/]")
                : m.Findings.GroupBy(f => (f.Evidence.Grade, f.ConditionName, StatedFor: f.Evidence.StatedFor.Id != f.IngredientId ? f.Evidence.StatedFor.Name : null)).Select(g =>
                    $"[{GradeStyle.Of(g.Key.Grade)}]{g.Key.Grade.ToWireName()}[/] for {Markup.Escape(g.Key.ConditionName)}"
                    + (g.Key.StatedFor is { } statedFor ? $" [grey](as {Markup.Escape(statedFor)})[/]" : "")
                    + $" [grey]({Markup.Escape(string.Join(", ", g.Select(f => f.Evidence.SourceLabel).Distinct(StringComparer.Ordinal)))})[/]");
            foreach (var line in lines)
            {
                Indented(line, 4);
            }
        }

        console.WriteLine();
    }

    private void RenderUnrecognised(PatientAssessment a)
    {
        if (a.InactiveConditionsNotAssessed > 0)
        {
            console.MarkupLine($"[grey]{a.InactiveConditionsNotAssessed} resolved or inactive condition(s) not assessed.[/]");
        }

        if (a.Unrecognised.IsEmpty)
        {
            return;
        }

        console.MarkupLine($"[bold]Not recognised[/] [grey]({a.Unrecognised.Length} code(s) outside Relief's knowledge; listed so nothing is dropped)[/]");
        foreach (var group in a.Unrecognised.GroupBy(u => (u.Code, u.Display, u.Reason)))
        {
            var count = group.Count() > 1 ? $" ×{group.Count()}" : "";
            Indented($"[grey]{Markup.Escape(ShortCode(group.Key.Code))}[/] {Markup.Escape(group.Key.Display ?? "")}{count} [grey]– {Markup.Escape(group.Key.Reason)}[/]");
        }

        console.WriteLine();
    }

    private static string Code(Code code) => $"{CodeSystems.ShortName(code.System)} {code.Value}";

    /// <summary>"system|code" as a clinician reads it ("SNOMED CT 161898004"); anything else as given.</summary>
    private static string ShortCode(string code) =>
        code.Split('|') is [var system, var value] ? $"{CodeSystems.ShortName(system)} {value}" : code;

    /// <summary>A line indented as a block, so its wrapped lines keep the indent.</summary>
    private void Indented(string markup, int indent = 2) =>
        console.Write(new Padder(new Markup(markup), new Padding(indent, 0, 0, 0)));
}
