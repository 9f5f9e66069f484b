using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Relief.Cli.Rendering;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Fhir.Contract;
using Relief.Fhir.Reading;
using Spectre.Console;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief assess`: reads FHIR R4 bundles and prints each patient's assessment. Many files (or a
/// directory) run in one process so a batch pays start-up and knowledge loading once.
/// </summary>
public static class AssessCommand
{
    public static Command Build()
    {
        var paths = new Argument<string[]>("bundles")
        {
            Description = "FHIR R4 Bundle JSON files, or directories of them",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (a clinician's summary) or json (one document per line, docs/assessment.schema.json)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Assess as of this date (yyyy-MM-dd); default: today (UTC)",
        };

        var command = new Command("assess", "Assess patients from FHIR R4 bundles: ranked options with evidence and sources, and a medication review");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(asOf);
        command.SetAction(parse => Run(
            parse.GetValue(paths)!,
            parse.GetValue(format) == "json",
            parse.GetValue(asOf),
            parse.GetValue(ReliefCommand.KnowledgeOption),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, bool json, string? asOfText, string? knowledgeOption, TextWriter output, TextWriter error)
    {
        LocalDate asOf;
        if (asOfText is null)
        {
            asOf = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        }
        else if (LocalDatePattern.Iso.Parse(asOfText) is { Success: true } parsed)
        {
            asOf = parsed.Value;
        }
        else
        {
            error.WriteLine($"relief: --as-of '{asOfText}' is not a date (expected yyyy-MM-dd)");
            return ExitCodes.InvalidInput;
        }

        var (files, missing) = InputFiles.Expand(paths);
        foreach (var path in missing)
        {
            error.WriteLine($"relief: {path}: no such file or directory");
        }

        if (files.Count == 0)
        {
            error.WriteLine(missing.Count > 0 ? "relief: nothing to assess" : "relief: no .json files found in the given directories");
            return ExitCodes.InvalidInput;
        }

        var knowledge = KnowledgeLocation.LoadOrReport(KnowledgeLocation.Resolve(knowledgeOption), error);
        if (knowledge is null)
        {
            return ExitCodes.InvalidKnowledge;
        }

        var pipeline = new AssessmentPipeline(new Assessor(knowledge));
        var console = json ? null : TerminalConsole.Create(output);
        var failures = missing.Count;

        // Files are read and assessed on all cores a window at a time, then written in input order: the output
        // is byte-identical to assessing them one by one, and memory holds one window of documents.
        var window = Math.Max(1, Environment.ProcessorCount * 2);
        var documents = new AssessmentDocument[Math.Min(window, files.Count)];
        for (var first = 0; first < files.Count; first += window)
        {
            var count = Math.Min(window, files.Count - first);
            var offset = first;
            Parallel.For(0, count, i => documents[i] = pipeline.AssessFile(files[offset + i], asOf));
            for (var i = 0; i < count; i++)
            {
                var document = documents[i];
                if (document.Error is { } problem)
                {
                    failures++;
                    error.WriteLine($"relief: {files[offset + i]}: {problem.Message}");
                }

                if (json)
                {
                    output.WriteLine(AssessmentJsonContext.ToJsonLine(document));
                }
                else if (document.Assessment is not null)
                {
                    new AssessmentTextRenderer(console!).Render(document);
                }
            }
        }

        return failures > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }
}
