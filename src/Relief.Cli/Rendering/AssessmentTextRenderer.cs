using System.Globalization;
using Relief.Core.Assessment;
using Relief.Core.Knowledge.Model;
using Relief.Fhir.Contract;
using Spectre.Console;

namespace Relief.Cli.Rendering;

/// <summary>
/// The clinician's summary: per condition the ranked options with grade, line, NNT and source; then each
/// current or proposed medication weighed against the conditions; then what Relief could not place.
/// </summary>
public sealed class AssessmentTextRenderer(IAnsiConsole console)
{
    public void Render(AssessmentDocument document)
    {
        var a = document.Assessment!;
        console.Write(new Rule($"[bold]Relief assessment[/] {Markup.Escape(document.File ?? a.PatientId)}").LeftJustified());
        var age = a.Age is { } years ? $"{years} y" : "age unknown";
        console.MarkupLine(
            $"Patient [bold]{Markup.Escape(a.PatientId)}[/], {age}, {a.Sex.ToString().ToLowerInvariant()} · as of {a.AsOf:yyyy-MM-dd} · knowledge {Markup.Escape(a.KnowledgeVersion)}");
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

        var safety = new SafetyTextRenderer(console);
        safety.Render(a);

        if (a.Conditions.IsEmpty)
        {
            console.MarkupLine("[grey]No condition in Relief's scope (chronic pain, fibromyalgia, ME/CFS, neuropathic pain, RA, SLE, MS) is recorded as current.[/]");
        }

        foreach (var condition in a.Conditions)
        {
            RenderCondition(condition);
        }

        RenderMedications(a);
        safety.RenderCouldNotCheck(a);
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
            console.MarkupLine($"  recorded as {Markup.Escape(recorded.Display)} [grey]{Markup.Escape(recorded.Code.ToString())}{onset}[/]{suffix}");
        }

        // No options: a deceased patient's conditions are listed as facts only.
        if (condition.Options.IsEmpty)
        {
            console.WriteLine();
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("#");
        table.AddColumn("Option");
        table.AddColumn("Grade");
        table.AddColumn("Line");
        table.AddColumn("NNT / NNH");
        table.AddColumn("Sources");
        foreach (var option in condition.Options)
        {
            var name = Markup.Escape(option.Name);
            if (!option.PatientResources.IsEmpty)
            {
                name += " [aqua](patient on/offered)[/]";
            }

            if (option.Contested)
            {
                name += " [yellow](sources disagree)[/]";
            }

            var numbers = option.Evidence.FirstOrDefault(e => e.Nnt is not null) is { } withNnt
                ? $"{withNnt.Nnt} / {withNnt.Nnh?.ToString() ?? "–"}"
                : "";
            var sources = string.Join("\n", option.Evidence.Select(e =>
                $"[{GradeStyle.Of(e.Grade)}]{e.Grade.ToWireName()}[/] {Markup.Escape(e.SourceLabel)}{(e.InheritedFrom is { } from ? $" [grey](via {Markup.Escape(from)})[/]" : "")}"));
            table.AddRow(
                option.Rank.ToString(CultureInfo.InvariantCulture),
                name,
                $"[{GradeStyle.Of(option.Grade)}]{option.Grade.ToWireName()}[/]",
                option.Line?.ToString(CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(numbers),
                sources);
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
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Medication");
        table.AddColumn("Status");
        table.AddColumn("Verdict");
        table.AddColumn("Because");
        foreach (var m in a.Medications)
        {
            var ingredients = m.Ingredients.IsEmpty ? "[red]ingredient not recognised[/]" : Markup.Escape(string.Join(" + ", m.Ingredients.Select(i => i.Name)));
            var duration = m.DaysOnTherapy switch
            {
                null => "",
                >= 365 and var days => $"\n{days} days ({(days / 365.25).ToString("0.#", CultureInfo.InvariantCulture)} y)",
                var days => $"\n{days} days",
            };
            var because = string.Join("\n", m.Findings.Take(4).Select(f =>
                $"[{GradeStyle.Of(f.Evidence.Grade)}]{f.Evidence.Grade.ToWireName()}[/] for {Markup.Escape(f.ConditionName)}: {Markup.Escape(f.Evidence.Summary)} [grey]({Markup.Escape(f.Evidence.SourceLabel)})[/]"));
            if (m.Findings.Length > 4)
            {
                because += $"\n[grey]+{m.Findings.Length - 4} more (see --format json)[/]";
            }

            table.AddRow(
                $"{Markup.Escape(m.Display)}\n[grey]{ingredients}[/]",
                $"{m.Use.ToString().ToLowerInvariant()}{duration}",
                $"[{GradeStyle.Of(m.Verdict)}]{GradeStyle.Words(m.Verdict)}[/]",
                because);
        }

        console.Write(table);
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
            console.MarkupLine($"  [grey]{Markup.Escape(group.Key.Code)}[/] {Markup.Escape(group.Key.Display ?? "")}{count} [grey]– {Markup.Escape(group.Key.Reason)}[/]");
        }

        console.WriteLine();
    }
}
