using System.Text.Json;
using NodaTime.Text;
using Relief.Core.Knowledge;

namespace Relief.Bulk.Synthesis;

/// <summary>
/// Writes a synthetic FHIR Bulk Data export: one NDJSON file per resource type, a Bulk Data manifest
/// (manifest.json) and the ground truth (truth.ndjson). Patients are made in blocks: each block is planned and
/// serialised on all cores into per-thread buffers, then appended in patient order, so memory is bounded by the
/// block size whatever the cohort size, and the bytes do not depend on the thread count.
/// </summary>
public static class CohortGenerator
{
    private const int BlockSize = 4096;

    public const string ManifestFile = "manifest.json";
    public const string TruthFile = "truth.ndjson";

    public static SynthSummary Generate(SynthOptions options, KnowledgeBase knowledge, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patients);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        var catalog = new SynthesisCatalog(knowledge);
        var planner = new PatientPlanner(catalog, options.AsOf, options.Seed, options.Mix);
        Directory.CreateDirectory(options.OutputDirectory);

        var types = Enum.GetValues<SynthResourceType>();
        var files = types.Select(t => Open(Path.Combine(options.OutputDirectory, $"{t}.ndjson"))).ToArray();
        var truthPath = Path.Combine(options.OutputDirectory, TruthFile);
        var totals = new long[types.Length];
        long bytes = 0;
        using (var truth = Open(truthPath))
        {
            try
            {
                var workers = Math.Max(1, Math.Min(options.Threads, 64));
                var writers = Enumerable.Range(0, workers).Select(_ => new FhirResourceWriter()).ToArray();
                var truths = Enumerable.Range(0, workers).Select(_ => new TruthWriter()).ToArray();
                for (long first = 0; first < options.Patients; first += BlockSize)
                {
                    var count = (int)Math.Min(BlockSize, options.Patients - first);
                    var slice = (count + workers - 1) / workers;
                    var blockStart = first;
                    Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
                    {
                        writers[w].Reset();
                        truths[w].Reset();
                        for (var i = w * slice; i < Math.Min(count, (w + 1) * slice); i++)
                        {
                            var plan = planner.Plan(blockStart + i);
                            writers[w].Write(plan);
                            truths[w].Write(plan);
                        }
                    });

                    // Appending the workers' buffers in worker order keeps patients in index order.
                    for (var w = 0; w < workers; w++)
                    {
                        foreach (var type in types)
                        {
                            var written = writers[w].Written(type);
                            files[(int)type].Write(written.Span);
                            totals[(int)type] += writers[w].Counts[(int)type];
                            bytes += written.Length;
                        }

                        var truthBytes = truths[w].Written;
                        truth.Write(truthBytes.Span);
                    }

                    progress?.Report(first + count);
                }
            }
            finally
            {
                foreach (var file in files)
                {
                    file.Dispose();
                }
            }
        }

        var manifestPath = Path.Combine(options.OutputDirectory, ManifestFile);
        WriteManifest(manifestPath, options, catalog.KnowledgeVersion, types, totals);
        return new SynthSummary(
            options.Patients,
            types.ToDictionary(t => t.ToString(), t => totals[(int)t]),
            bytes,
            manifestPath,
            truthPath);
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, FileOptions.SequentialScan);

    /// <summary>
    /// A Bulk Data manifest (FHIR Bulk Data Access IG v2, "Complete status"): output URLs are relative to the
    /// manifest's folder, since a local export has no server; how it was made goes in <c>extension</c>.
    /// </summary>
    private static void WriteManifest(string path, SynthOptions options, string knowledgeVersion, SynthResourceType[] types, long[] totals)
    {
        var asOf = LocalDatePattern.Iso.Format(options.AsOf);
        var mix = options.Mix.ToString().ToLowerInvariant();
        using var stream = Open(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("transactionTime", $"{asOf}T00:00:00Z");
        w.WriteString("request", $"relief synth --patients {options.Patients} --seed {options.Seed} --as-of {asOf} --mix {mix}");
        w.WriteBoolean("requiresAccessToken", false);
        w.WriteStartArray("output");
        foreach (var type in types)
        {
            w.WriteStartObject();
            w.WriteString("type", type.ToString());
            w.WriteString("url", $"{type}.ndjson");
            w.WriteNumber("count", totals[(int)type]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("error");
        w.WriteEndArray();
        w.WriteStartObject("extension");
        w.WriteStartObject("https://relief.example/synth");
        w.WriteNumber("patients", options.Patients);
        w.WriteNumber("seed", options.Seed);
        w.WriteString("asOf", asOf);
        w.WriteString("mix", mix);
        w.WriteString("knowledgeVersion", knowledgeVersion);
        w.WriteString("truth", TruthFile);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
