using System.CommandLine;
using System.Diagnostics;
using NodaTime.Text;
using Relief.Bulk.Synthesis;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief synth`: a synthetic FHIR Bulk Data export with a ground-truth file, for screening tests and
/// benchmarks (docs/synth.md). The same arguments always write the same bytes.
/// </summary>
public static class SynthCommand
{
    public static Command Build()
    {
        var patients = new Option<long>("--patients") { Description = "How many patients", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed gives byte-identical output", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output folder (NDJSON per resource type, manifest.json, truth.ndjson)", Required = true };
        var asOf = new Option<string>("--as-of")
        {
            Description = "Reference date of the cohort (yyyy-MM-dd); screen as of this date to match the truth",
            DefaultValueFactory = _ => LocalDatePattern.Iso.Format(SynthOptions.DefaultAsOf),
        };
        var mix = new Option<string>("--mix")
        {
            Description = "realistic (population prevalence) or enriched (every patient has a covered condition and a regimen)",
            DefaultValueFactory = _ => "realistic",
        };
        mix.AcceptOnlyFromAmong("realistic", "enriched");
        var threads = new Option<int>("--threads") { Description = "Worker threads (output is identical for any value)", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("synth", "Generate a synthetic FHIR Bulk Data export (NDJSON + manifest) with the findings a correct screen must report");
        command.Options.Add(patients);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(asOf);
        command.Options.Add(mix);
        command.Options.Add(threads);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (LocalDatePattern.Iso.Parse(parse.GetValue(asOf)!) is not { Success: true } date)
            {
                error.WriteLine($"relief: --as-of '{parse.GetValue(asOf)}' is not a date (expected yyyy-MM-dd)");
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(patients) is var count && count < 0 || parse.GetValue(threads) < 1)
            {
                error.WriteLine("relief: --patients must be 0 or more and --threads 1 or more");
                return ExitCodes.InvalidInput;
            }

            var knowledge = KnowledgeLocation.LoadOrReport(KnowledgeLocation.Resolve(parse.GetValue(ReliefCommand.KnowledgeOption)), error);
            if (knowledge is null)
            {
                return ExitCodes.InvalidKnowledge;
            }

            var options = new SynthOptions(count, parse.GetValue(seed), parse.GetValue(output)!, date.Value, parse.GetValue(mix) == "enriched" ? CohortMix.Enriched : CohortMix.Realistic)
            {
                Threads = parse.GetValue(threads),
            };
            var clock = Stopwatch.StartNew();
            SynthSummary summary;
            try
            {
                summary = CohortGenerator.Generate(options, knowledge);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"relief: cannot write to {options.OutputDirectory}: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
            var resources = string.Join(", ", summary.ResourceCounts.Select(c => $"{c.Value} {c.Key}"));
            parse.InvocationConfiguration.Output.WriteLine(
                $"relief synth: {summary.Patients} patients ({resources}), {summary.Bytes / 1e6:0.0} MB in {seconds:0.00} s " +
                $"({summary.Patients / seconds:0} patients/s, {summary.Bytes / 1e6 / seconds:0} MB/s) -> {summary.ManifestPath}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
