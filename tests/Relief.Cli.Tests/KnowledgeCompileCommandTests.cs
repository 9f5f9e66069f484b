using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>
/// `relief kb compile` end to end: the snapshot it writes changes nothing relief prints (every sample, JSON and text,
/// byte for byte against the same knowledge read from YAML), and a stale or damaged snapshot is reported and ignored.
/// </summary>
public sealed class KnowledgeCompileCommandTests : IDisposable
{
    private const string AsOf = "2026-11-21";
    private const string Snapshot = "knowledge.snapshot.json";

    private readonly string _compiled = KnowledgeDirectories.CopyToTemp();
    private readonly string _yamlOnly = KnowledgeDirectories.CopyToTemp();

    [Fact]
    public void A_compiled_snapshot_is_current_and_every_sample_assesses_byte_for_byte_as_from_the_yaml()
    {
        var compile = ReliefProcess.Run("kb", "compile", "--knowledge", _compiled);
        Assert.Equal(0, compile.ExitCode);
        Assert.Contains($": valid; wrote {Path.Combine(_compiled, Snapshot)}", compile.Output, StringComparison.Ordinal);

        var check = ReliefProcess.Run("kb", "compile", "--check", "--knowledge", _compiled);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("current", check.Output, StringComparison.Ordinal);
        Assert.Equal(5, ReliefProcess.Run("kb", "compile", "--check", "--knowledge", _yamlOnly).ExitCode);

        foreach (var format in new[] { "json", "text" })
        {
            var fromSnapshot = ReliefProcess.Run("assess", RepositoryPaths.Samples, "--format", format, "--as-of", AsOf, "--knowledge", _compiled);
            var fromYaml = ReliefProcess.Run("assess", RepositoryPaths.Samples, "--format", format, "--as-of", AsOf, "--knowledge", _yamlOnly);
            Assert.Equal(0, fromYaml.ExitCode);
            Assert.True(fromYaml.OutputLines.Length > 5, "the samples were assessed");
            Assert.Equal(fromYaml, fromSnapshot);
        }

        Assert.Equal(
            ReliefProcess.Run("kb", "show", "methotrexate", "--knowledge", _yamlOnly),
            ReliefProcess.Run("kb", "show", "methotrexate", "--knowledge", _compiled));
    }

    [Fact]
    public void An_edited_knowledge_file_makes_the_snapshot_stale_and_relief_reads_the_edit()
    {
        Assert.Equal(0, ReliefProcess.Run("kb", "compile", "--knowledge", _compiled).ExitCode);
        var sources = Path.Combine(_compiled, "sources.yaml");
        var text = File.ReadAllText(sources);
        Assert.Contains("neuropathic pain in adults: a systematic review", text, StringComparison.Ordinal);
        File.WriteAllText(sources, text.Replace("neuropathic pain in adults: a systematic review", "neuropathic pain in grown-ups: a systematic review", StringComparison.Ordinal));

        var check = ReliefProcess.Run("kb", "compile", "--check", "--knowledge", _compiled);
        var show = ReliefProcess.Run("kb", "show", "neupsig-2015", "--knowledge", _compiled);

        Assert.Equal(5, check.ExitCode);
        Assert.Contains("stale", check.Output, StringComparison.Ordinal);
        Assert.Contains("neuropathic pain in grown-ups: a systematic review", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_snapshot_is_reported_and_relief_assesses_from_the_yaml()
    {
        Assert.Equal(0, ReliefProcess.Run("kb", "compile", "--knowledge", _compiled).ExitCode);
        var path = Path.Combine(_compiled, Snapshot);
        File.WriteAllText(path, File.ReadAllText(path)[..1000]);
        var sample = Path.Combine(RepositoryPaths.Samples, "fibromyalgia-long-term-prednisone.json");

        var check = ReliefProcess.Run("kb", "compile", "--check", "--knowledge", _compiled);
        var fromDamaged = ReliefProcess.Run("assess", sample, "--format", "json", "--as-of", AsOf, "--knowledge", _compiled);
        var fromYaml = ReliefProcess.Run("assess", sample, "--format", "json", "--as-of", AsOf, "--knowledge", _yamlOnly);

        Assert.Equal(5, check.ExitCode);
        Assert.Contains("unreadable", check.Output, StringComparison.Ordinal);
        Assert.Equal(0, fromDamaged.ExitCode);
        Assert.Equal(fromYaml, fromDamaged);
    }

    [Fact]
    public void Invalid_knowledge_is_listed_and_no_snapshot_is_written()
    {
        var sources = Path.Combine(_compiled, "sources.yaml");
        File.WriteAllText(sources, File.ReadAllText(sources) + "\n  - { id: broken-entry, title: Broken, year: 1, kind: guideline }\n");

        var compile = ReliefProcess.Run("kb", "compile", "--knowledge", _compiled);

        Assert.Equal(3, compile.ExitCode);
        Assert.Contains("sources.yaml: broken-entry: year is missing or not a year", compile.Output, StringComparison.Ordinal);
        Assert.Contains("no snapshot written", compile.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_compiled, Snapshot)));
    }

    [Fact]
    public void A_path_without_knowledge_is_one_clear_line_whether_compiling_or_checking()
    {
        var empty = Directory.CreateTempSubdirectory("relief-no-knowledge-").FullName;
        try
        {
            var missing = Path.Combine(empty, "absent");
            foreach (var args in new[] { new[] { "kb", "compile", "--knowledge", missing }, ["kb", "compile", "--check", "--knowledge", missing] })
            {
                var run = ReliefProcess.Run(args);
                Assert.Equal(3, run.ExitCode);
                Assert.Equal([$"{missing}: knowledge directory not found"], run.OutputLines);
            }

            foreach (var args in new[] { new[] { "kb", "compile", "--knowledge", empty }, ["kb", "compile", "--check", "--knowledge", empty] })
            {
                var run = ReliefProcess.Run(args);
                Assert.Equal(3, run.ExitCode);
                Assert.Equal([$"{empty}: no knowledge files (*.yaml) in this directory"], run.OutputLines);
            }

            Assert.False(File.Exists(Path.Combine(empty, Snapshot)));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    public void Dispose()
    {
        Directory.Delete(_compiled, recursive: true);
        Directory.Delete(_yamlOnly, recursive: true);
    }
}
