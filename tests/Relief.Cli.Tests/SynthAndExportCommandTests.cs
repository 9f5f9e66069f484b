using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>`relief synth` and `relief export` as a user runs them: outputs, determinism, argument errors.</summary>
public sealed class SynthAndExportCommandTests
{
    [Fact]
    public void Synth_writes_an_export_and_the_same_bytes_for_the_same_seed()
    {
        var first = Temp();
        var second = Temp();

        var run = ReliefProcess.Run("synth", "--patients", "300", "--seed", "5", "--out", first, "--mix", "enriched");
        ReliefProcess.Run("synth", "--patients", "300", "--seed", "5", "--out", second, "--mix", "enriched", "--threads", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("relief synth: 300 patients (300 Patient,", run.Output, StringComparison.Ordinal);
        foreach (var file in new[] { "Patient.ndjson", "Condition.ndjson", "MedicationRequest.ndjson", "Observation.ndjson", "manifest.json", "truth.ndjson" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
    }

    [Theory]
    [InlineData("synth --patients 10 --out {tmp} --as-of 21/11/2026", "is not a date")]
    [InlineData("synth --patients 10 --out {tmp} --threads 0", "--threads 1 or more")]
    [InlineData("export not-a-url --out {tmp}", "is not an http(s) URL")]
    [InlineData("export http://127.0.0.1:9/fhir --out {tmp} --group g --patients", "two different export levels")]
    public void Bad_arguments_exit_2_with_a_clear_message(string arguments, string expected)
    {
        var tmp = Temp();
        var args = arguments.Split(' ').Select(x => x.Replace("{tmp}", tmp, StringComparison.Ordinal)).ToArray();

        var result = ReliefProcess.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private static string Temp()
    {
        var path = Path.Combine(Path.GetTempPath(), "relief-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
