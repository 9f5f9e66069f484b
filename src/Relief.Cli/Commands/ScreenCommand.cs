using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Relief.Bulk.Grouping;
using Relief.Bulk.Input;
using Relief.Bulk.Output;
using Relief.Bulk.Screening;
using Relief.Bulk.Summary;
using Relief.Cli.Rendering;
using Relief.Core.Assessment;
using Relief.Fhir.Contract;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief screen`: a population screen over a FHIR Bulk Data export (docs/screening.md). Also the unit a
/// cluster runs per partition: <c>--shard K/N</c>, <c>--stdin</c>/<c>--stdout</c>, and <c>--merge</c> of shard outputs.
/// </summary>
public static class ScreenCommand
{
    /// <summary>Test hook: pause after each committed part so a test can kill the process midway (docs/screening.md).</summary>
    public const string PauseVariable = "RELIEF_SCREEN_PART_PAUSE_MS";

    public static Command Build()
    {
        var inputs = new Argument<string[]>("export")
        {
            Description = "An export directory (*.ndjson, *.ndjson.gz), NDJSON files, or a Bulk Data manifest (file or file:// / http(s):// URL); with --merge, shard output directories",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var outDir = new Option<string?>("--out") { Description = "Output directory: findings.ndjson/.csv/.parquet, summary.md/.html/.json" };
        var asOf = new Option<string?>("--as-of") { Description = "Assess as of this date (yyyy-MM-dd); default: today (UTC)" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var partitions = new Option<int>("--partitions") { Description = "Spill partitions (default: from the input size, about 48 MB each)" };
        var shard = new Option<string?>("--shard") { Description = "Screen only shard K of N (0-based, by patient hash): K/N" };
        var stdin = new Option<bool>("--stdin") { Description = "Read patient-grouped NDJSON from standard input: one patient's resources per line, as a FHIR Bundle" };
        var stdout = new Option<bool>("--stdout") { Description = "Write the finding rows (NDJSON) to standard output" };
        var merge = new Option<bool>("--merge") { Description = "Merge shard output directories (the arguments) into --out" };
        var progress = new Option<string>("--progress") { Description = "auto (a bar on a terminal, lines otherwise), bar, plain or none", DefaultValueFactory = _ => "auto" };
        progress.AcceptOnlyFromAmong("auto", "bar", "plain", "none");

        var command = new Command("screen", "Screen a population from a FHIR Bulk Data export: findings as NDJSON, CSV and Parquet, and a summary report");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { outDir, asOf, threads, partitions, shard, stdin, stdout, merge, progress })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(
            new Request
            {
                Inputs = parse.GetValue(inputs) ?? [],
                Out = parse.GetValue(outDir),
                AsOf = parse.GetValue(asOf),
                Threads = parse.GetValue(threads),
                Partitions = parse.GetValue(partitions),
                Shard = parse.GetValue(shard),
                Stdin = parse.GetValue(stdin),
                Stdout = parse.GetValue(stdout),
                Merge = parse.GetValue(merge),
                Progress = parse.GetValue(progress)!,
                Knowledge = parse.GetValue(ReliefCommand.KnowledgeOption),
            },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private sealed record Request
    {
        public required string[] Inputs { get; init; }

        public required string? Out { get; init; }

        public required string? AsOf { get; init; }

        public required int Threads { get; init; }

        public required int Partitions { get; init; }

        public required string? Shard { get; init; }

        public required bool Stdin { get; init; }

        public required bool Stdout { get; init; }

        public required bool Merge { get; init; }

        public required string Progress { get; init; }

        public required string? Knowledge { get; init; }
    }

    private static int Run(Request request, TextWriter output, TextWriter error)
    {
        if (request.Out is null && !request.Stdout)
        {
            error.WriteLine("relief: screen needs --out DIR or --stdout");
            return ExitCodes.InvalidInput;
        }

        if (request.Merge)
        {
            return Merge(request, output, error);
        }

        if (Validate(request, error) is not { } checkedRequest)
        {
            return ExitCodes.InvalidInput;
        }

        var (asOf, shardSpec) = checkedRequest;
        var sources = new List<LineSource>();

        // Files are opened during the run, so the client lives as long as the command.
        using var http = new HttpClient();
        if (request.Stdin)
        {
            sources.Add(LineSource.PatientBundlesFrom("<stdin>", Console.OpenStandardInput));
        }
        else
        {
            var resolution = ExportInputs.Resolve(request.Inputs, [new LocalFileOpener(), new HttpFileOpener(http)]);
            foreach (var problem in resolution.Problems)
            {
                error.WriteLine($"relief: {problem}");
            }

            if (resolution.Problems.Count > 0)
            {
                return ExitCodes.InvalidInput;
            }

            sources.AddRange(resolution.Files.Select(LineSource.From));
        }

        var knowledge = KnowledgeLocation.LoadOrReport(KnowledgeLocation.Resolve(request.Knowledge), error);
        if (knowledge is null)
        {
            return ExitCodes.InvalidKnowledge;
        }

        var temporaryOut = request.Out is null ? Path.Combine(Path.GetTempPath(), "relief-screen-" + Guid.NewGuid().ToString("N")) : null;
        var outDirectory = request.Out ?? temporaryOut!;
        try
        {
            var settings = new ScreenSettings
            {
                OutDirectory = outDirectory,
                AsOf = asOf,
                KnowledgeVersion = knowledge.Manifest.Version,
                Threads = Math.Max(1, request.Threads),
                Partitions = request.Partitions,
                Shard = shardSpec,
                PauseAfterPart = int.TryParse(Environment.GetEnvironmentVariable(PauseVariable), CultureInfo.InvariantCulture, out var pause) ? TimeSpan.FromMilliseconds(pause) : TimeSpan.Zero,
            };
            var progress = new ScreenProgress();
            var run = new ScreenRun(new AssessmentPipeline(new Assessor(knowledge)), settings, progress);
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var result = ScreenProgressDisplay.Show(request.Progress, progress, error, () => run.Run(sources));
            stopwatch.Stop();
            if (result.PartsResumed > 0)
            {
                error.WriteLine($"relief screen: resumed: {result.PartsResumed} of {result.PartsTotal} parts were already committed");
            }

            Report(result.Summary, progress, stopwatch.Elapsed, request.Out, error);
            if (request.Stdout)
            {
                using var rows = File.OpenRead(Path.Combine(outDirectory, ScreenOutputs.Rows));
                output.Flush();
                using var stdout = Console.OpenStandardOutput();
                rows.CopyTo(stdout);
            }

            return ExitCodes.Ok;
        }
        catch (IOException exception)
        {
            error.WriteLine($"relief: screen could not write its output: {exception.Message}");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            if (temporaryOut is not null && Directory.Exists(temporaryOut))
            {
                Directory.Delete(temporaryOut, recursive: true);
            }
        }
    }

    private static (LocalDate AsOf, ShardSpec Shard)? Validate(Request request, TextWriter error)
    {
        var asOf = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        if (request.AsOf is not null)
        {
            if (LocalDatePattern.Iso.Parse(request.AsOf) is not { Success: true } parsed)
            {
                error.WriteLine($"relief: --as-of '{request.AsOf}' is not a date (expected yyyy-MM-dd)");
                return null;
            }

            asOf = parsed.Value;
        }

        var shard = ShardSpec.Whole;
        if (request.Shard is not null && !ShardSpec.TryParse(request.Shard, out shard, out var problem))
        {
            error.WriteLine($"relief: {problem}");
            return null;
        }

        if (request.Stdin == (request.Inputs.Length > 0))
        {
            error.WriteLine(request.Stdin ? "relief: --stdin reads standard input; give no export as well" : "relief: screen needs an export (directory, files or manifest) or --stdin");
            return null;
        }

        if (request.Threads < 1 || request.Partitions < 0)
        {
            error.WriteLine("relief: --threads must be at least 1 and --partitions not negative");
            return null;
        }

        return (asOf, shard);
    }

    private static int Merge(Request request, TextWriter output, TextWriter error)
    {
        var missing = request.Inputs.Where(d => !File.Exists(Path.Combine(d, ScreenOutputs.SummaryJson)) || !File.Exists(Path.Combine(d, ScreenOutputs.Rows))).ToList();
        foreach (var directory in missing)
        {
            error.WriteLine($"relief: {directory}: not a screen output (no {ScreenOutputs.SummaryJson} and {ScreenOutputs.Rows})");
        }

        if (request.Inputs.Length == 0 || missing.Count > 0 || request.Out is null)
        {
            error.WriteLine(request.Out is null ? "relief: --merge needs --out DIR" : "relief: --merge needs the shard output directories");
            return ExitCodes.InvalidInput;
        }

        var summary = ShardMerge.Run(request.Inputs, request.Out);
        error.WriteLine($"relief screen: merged {request.Inputs.Length} shards: {summary.Patients:N0} patients, {summary.Rows:N0} findings; output in {request.Out}");
        if (request.Stdout)
        {
            using var rows = File.OpenRead(Path.Combine(request.Out, ScreenOutputs.Rows));
            using var stdout = Console.OpenStandardOutput();
            rows.CopyTo(stdout);
        }

        return ExitCodes.Ok;
    }

    private static void Report(ScreenSummary summary, ScreenProgress progress, TimeSpan elapsed, string? outDirectory, TextWriter error)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var megabytes = progress.LineBytes / 1e6;
        var stored = progress.StoredBytesRead != progress.LineBytes ? string.Create(CultureInfo.InvariantCulture, $" ({progress.StoredBytesRead / 1e6:N1} MB stored)") : "";
        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"relief screen: {summary.Patients:N0} patients, {megabytes:N1} MB of NDJSON{stored} in {seconds:N1} s ({megabytes / seconds:N1} MB/s, {summary.Patients / seconds:N0} patients/s); {summary.Rows:N0} findings for {summary.PatientsWithFindings:N0} patients"));
        error.WriteLine("relief screen: time per phase (wall / CPU): " + string.Join(", ", progress.Phases.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Phase.ToString().ToLowerInvariant()} {p.Wall.TotalSeconds:N2} s / {p.Cpu.TotalSeconds:N2} s"))));
        if (summary.BadLineCount > 0)
        {
            var first = summary.BadLines[0];
            error.WriteLine($"relief screen: {summary.BadLineCount:N0} bad lines skipped (listed in summary.md), first {first}");
        }

        if (summary.PatientErrorCount > 0)
        {
            error.WriteLine($"relief screen: {summary.PatientErrorCount:N0} patients could not be read (listed in summary.md)");
        }

        if (outDirectory is not null)
        {
            error.WriteLine($"relief screen: output in {outDirectory}; {PatientAssessment.Disclaimer}");
        }
    }
}
