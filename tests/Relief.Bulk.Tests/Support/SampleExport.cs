namespace Relief.Bulk.Tests.Support;

/// <summary>
/// The repository's sample bundles as a Bulk Data export (Condition and Observation gzipped), and one screen of
/// it with default settings: the reference the other runs are compared with. Built once per test class.
/// </summary>
public sealed class SampleExport : IDisposable
{
    public const string AsOf = "2026-11-21";

    private readonly TempDirectory temp = new();

    public SampleExport()
    {
        Export = TestExport.FromBundles(RepositoryPaths.SampleBundles);
        Directory = Export.Write(temp.Sub("export"), type => type is "Condition" or "Observation");
        Baseline = temp.Sub("baseline");
        var run = ReliefProcess.Run("screen", Directory, "--out", Baseline, "--as-of", AsOf);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    internal TestExport Export { get; }

    /// <summary>The export directory.</summary>
    public string Directory { get; }

    /// <summary>The output of a plain run over <see cref="Directory"/>.</summary>
    public string Baseline { get; }

    public string BaselineRows => Path.Combine(Baseline, "findings.ndjson");

    public void Dispose() => temp.Dispose();
}
