using System.Diagnostics;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Knowledge.Loading;
using Relief.Fhir.Contract;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

/// <summary>
/// <see cref="FhirBundleReader.ReadFile"/> reads into a pooled buffer (returned after the parse, larger than the file,
/// holding a previous file's bytes past the end) instead of a fresh array per file. Differential: on every real
/// input, read by many threads at once so buffers are handed from file to file, it must give exactly what parsing
/// <see cref="File.ReadAllBytes"/> gives: the same assessment document, warnings, ignored resources and errors.
/// </summary>
public sealed class PooledFileReadTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 21);

    private static readonly Lazy<AssessmentPipeline> Pipeline = new(() => new AssessmentPipeline(new Assessor(
        KnowledgeLoader.Load(RepositoryPaths.Knowledge).Knowledge ?? throw new InvalidOperationException("knowledge/ does not load"))));

    [Fact]
    [Trait(Requires.Key, Requires.SharedData)]
    public void Every_shared_and_sample_file_reads_as_its_bytes_do_with_buffers_reused_across_threads()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.SharedData, "*.json", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();
        var expected = files.ToDictionary(f => f, f => Document(FhirBundleReader.Read(File.ReadAllBytes(f)), f));

        // Largest and smallest files interleaved and read three times over on every core: a buffer that went back to
        // the pool too early, or a read past the file's length into a larger buffer, would change some document.
        var order = Enumerable.Repeat(files.OrderByDescending(f => new FileInfo(f).Length), 3).SelectMany(f => f).ToList();
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount * 2) }, file =>
        {
            if (Document(FhirBundleReader.ReadFile(file), file) != expected[file])
            {
                mismatches.Add(file);
            }
        });

        Assert.True(files.Count > 150, $"only {files.Count} files found");
        Assert.Contains(expected.Values, d => d.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_named_pipe_is_read_to_its_end()
    {
        // A pipe has no length to size a buffer by: the reader reads until the writer closes it.
        var directory = Directory.CreateTempSubdirectory("relief-fifo-");
        try
        {
            var fifo = Path.Combine(directory.FullName, "bundle.json");
            using (var mkfifo = Process.Start("mkfifo", fifo))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            var bundle = File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, "me-cfs.json"));
            var writer = Task.Run(() => File.WriteAllBytes(fifo, bundle));
            var result = FhirBundleReader.ReadFile(fifo);
            await writer.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(Document(FhirBundleReader.Read(bundle), "me-cfs.json"), Document(result, "me-cfs.json"));
            Assert.True(result.Succeeded);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_empty_file_is_reported_empty()
    {
        // Length 0 is also what a /proc file reports: read to the end, it is still nothing.
        var path = Path.GetTempFileName();
        try
        {
            Assert.Equal(FhirReadErrorKind.Empty, FhirBundleReader.ReadFile(path).Error?.Kind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Document(FhirReadResult read, string file) =>
        AssessmentJsonContext.ToJsonLine(Pipeline.Value.Document(read, AsOf, file));
}
