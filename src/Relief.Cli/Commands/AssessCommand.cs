using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Relief.Cli.Batching;
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
            Description = "Assess as of this date (yyyy-MM-dd); default: today (UTC). Must lie between 1900-01-01 and a year from today",
        };
        var all = new Option<bool>("--all")
        {
            Description = "Text: show every option, every statement and every test to consider (default: what needs action and the strongest options)",
        };

        // An unknown option ("--formt json") would otherwise be taken for a file name.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && !File.Exists(t.Value) && !Directory.Exists(t.Value)))
            {
                result.AddError($"unknown option '{token.Value}' (options: --format, --as-of, --all, --knowledge)");
            }
        });

        var command = new Command("assess", "Assess patients from FHIR R4 bundles: what needs action, monitoring, response, ranked options with evidence and sources, and a medication review");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(asOf);
        command.Options.Add(all);
        command.SetAction(parse => Run(
            parse.GetValue(paths)!,
            parse.GetValue(format) == "json",
            parse.GetValue(asOf),
            new TextOptions(parse.GetValue(all)),
            parse.GetValue(ReliefCommand.KnowledgeOption),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// One file as a worker leaves it: read, and (once the knowledge is loaded) assessed into its document and, for
    /// --format json, its line; a file read while the knowledge was still loading is assessed by the writer.
    /// </summary>
    private readonly record struct FileResult(FhirReadResult Read, AssessmentDocument? Document, string? JsonLine);

    /// <summary>The earliest assessment date accepted: before it, ages and durations would be meaningless.</summary>
    public static readonly LocalDate EarliestAsOf = new(1900, 1, 1);

    /// <summary>Parses --as-of; null (with the reason) for a date that is not one or lies outside 1900..today + 1 year.</summary>
    public static (LocalDate? Date, string? Problem) ParseAsOf(string? text, LocalDate today)
    {
        if (text is null)
        {
            return (today, null);
        }

        if (LocalDatePattern.Iso.Parse(text) is not { Success: true } parsed)
        {
            return (null, $"--as-of '{text}' is not a date (expected yyyy-MM-dd)");
        }

        var latest = today.PlusYears(1);
        return parsed.Value < EarliestAsOf || parsed.Value > latest
            ? (null, $"--as-of {text} is outside {EarliestAsOf:yyyy-MM-dd}..{latest:yyyy-MM-dd} (today plus one year): ages and durations would be wrong")
            : (parsed.Value, null);
    }

    private static int Run(string[] paths, bool json, string? asOfText, TextOptions textOptions, string? knowledgeOption, TextWriter output, TextWriter error)
    {
        var (parsedAsOf, asOfProblem) = ParseAsOf(asOfText, SystemClock.Instance.GetCurrentInstant().InUtc().Date);
        if (parsedAsOf is not { } asOf)
        {
            error.WriteLine($"relief: {asOfProblem}");
            return ExitCodes.InvalidInput;
        }

        var (files, problems) = InputFiles.Expand(paths);
        foreach (var problem in problems)
        {
            error.WriteLine($"relief: {problem}");
        }

        if (files.Count == 0)
        {
            error.WriteLine(problems.Count > 0 ? "relief: nothing to assess" : "relief: no .json files found in the given directories");
            return ExitCodes.InvalidInput;
        }

        // The knowledge loads while the first files are read: reading needs no knowledge, assessing does.
        var knowledgeDirectory = KnowledgeLocation.Resolve(knowledgeOption);
        var knowledgeTask = Task.Run(() => KnowledgeLocation.LoadOrReport(knowledgeDirectory, error) is { } loaded
            ? (Knowledge: loaded, Pipeline: new AssessmentPipeline(new Assessor(loaded)))
            : default((KnowledgeBase Knowledge, AssessmentPipeline Pipeline)?));

        // Files are read, assessed and (for JSON) serialised on all cores, and written in input order as each next
        // one is ready: the output is byte-identical to assessing them one by one. At most a window of finished
        // documents waits to be written, so memory holds a few documents, not the batch. Reading needs no knowledge:
        // a worker that finds it still loading does not wait (that left a core idle for most of the load) but hands
        // the read record over and reads the next file; the writer assesses those first few itself. The window is 8 per
        // core so that the workers can read on through most of the knowledge load instead of stalling after a few files.
        var window = Math.Max(2, Environment.ProcessorCount * 8);
        var batch = new OrderedBatch<FileResult>(files.Count, window, i =>
        {
            var read = FhirBundleReader.ReadFile(files[i].Path);
            if (!knowledgeTask.IsCompleted || knowledgeTask.Result is not { } ready)
            {
                return new FileResult(read, null, null);
            }

            var document = ready.Pipeline.Document(read, asOf, files[i].Path);
            return new FileResult(read, document, json ? AssessmentJsonContext.ToJsonLine(document) : null);
        });

        if (knowledgeTask.GetAwaiter().GetResult() is not { Knowledge: var knowledge, Pipeline: var pipeline })
        {
            batch.Cancel();
            return ExitCodes.InvalidKnowledge;
        }

        var console = json ? null : TerminalConsole.Create(output);
        var failures = problems.Count;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var (read, document, line) = batch.Take(i);
            if (document is null)
            {
                document = pipeline.Document(read, asOf, file.Path);
                line = json ? AssessmentJsonContext.ToJsonLine(document) : null;
            }

            if (document.Error is { } problem)
            {
                // A directory may hold other JSON (an INDEX.json, a manifest): skipped with a warning, the batch goes on.
                if (file.FromDirectory && problem.Kind is "not-a-bundle" or "not-an-object")
                {
                    error.WriteLine($"relief: warning: {file.Path}: skipped, {problem.Message}");
                    continue;
                }

                failures++;
                error.WriteLine($"relief: {file.Path}: {problem.Message}");
            }

            if (line is not null)
            {
                output.WriteLine(line);
            }
            else if (document.Assessment is not null)
            {
                new AssessmentTextRenderer(console!, knowledge, textOptions).Render(document);
            }
        }

        return failures > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }
}
