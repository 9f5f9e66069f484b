using System.Diagnostics;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Cli;

/// <summary>The store commands as a user runs them (the real binary): the CLI contract of issue 8, section 7.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "relief-cli-store-" + Guid.NewGuid().ToString("N"));

    private string StorePath => Path.Combine(_directory, "relief.db");

    private (int ExitCode, string Output, string Error) Relief(params string[] args) => ReliefProcess.Run(["--store", StorePath, .. args]);

    private const string Sample = "samples/fibromyalgia-long-term-prednisone.json";
    private const string SampleId = "5eb54fe0-7836-58bd-919c-1dafc9a86a40";

    [Fact]
    public void Import_twice_then_list_show_export_and_a_diary_entry()
    {
        var first = Relief("patients", "import", Sample);
        var second = Relief("patients", "import", Sample);
        var added = Relief("diary", "add", SampleId, "--pain", "6", "--site", "back", "--quality", "burning", "--instrument", "phq-9=11");
        var list = Relief("patients", "list");
        var show = Relief("patients", "show", SampleId, "--as-of", "2026-11-21");
        var outFile = Path.Combine(_directory, "export.json");
        var export = Relief("patients", "export", SampleId, "--out", outFile);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("0 created, 0 updated", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains(SampleId, list.Output, StringComparison.Ordinal);
        Assert.Contains("prednisone", show.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Decision support only", show.Output, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("\"resourceType\":\"Bundle\"", File.ReadAllText(outFile), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pain", "12", "relief: pain: 12 is out of range (a whole number 0-10)")]
    [InlineData("--instrument", "beck=3", "relief: instrument: unknown instrument 'beck'")]
    [InlineData("--at", "2999-01-01", "relief: at: 2999-01-01T00:00Z is in the future")]
    [InlineData("--instrument", "phq9", "relief: --instrument 'phq9' is not id=value (e.g. phq-9=12)")]
    public void Bad_diary_input_is_one_clear_line_and_exit_2(string option, string value, string expected)
    {
        Relief("patients", "import", Sample);

        var result = Relief("diary", "add", SampleId, option, value);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_patient_is_exit_2()
    {
        var result = Relief("patients", "show", "nobody");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("relief: id: patient nobody not found", result.Error.Trim());
    }

    [Fact]
    public void Tasks_due_lists_overdue_tests_across_patients_most_overdue_first()
    {
        Relief("patients", "import", "samples");

        var result = Relief("tasks", "due", "--as-of", "2026-11-21");

        Assert.Equal(0, result.ExitCode);
        var dates = result.Output.Split('\n').Where(l => l.Length > 10 && char.IsDigit(l[0]) && l[4] == '-').Select(l => l[..10]).ToList();
        Assert.NotEmpty(dates);
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        Assert.Contains("Decision support only", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_due_on_a_store_that_does_not_exist_yet_creates_it_through_EF_Core_and_lists_nothing()
    {
        var result = Relief("tasks", "due", "--as-of", "2026-11-21");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 task(s) due by 2026-11-21", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(StorePath));
        // Created and migrated: the direct read takes over from now on and finds the same (nothing).
        var again = Relief("tasks", "due", "--as-of", "2026-11-21");
        Assert.Equal(result.Output, again.Output);
    }

    [Fact]
    public void Tasks_due_on_an_unreachable_PostgreSQL_is_one_line_and_exit_4()
    {
        var result = ReliefProcess.Run(["--store", "Host=127.0.0.1;Port=1;Database=none;Timeout=2", "tasks", "due"]);

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith("relief: cannot read the store (PostgreSQL):", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_PostgreSQL_is_one_line_and_exit_4()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "relief.dll"), "--store", "Host=127.0.0.1;Port=1;Database=none;Timeout=2", "patients", "list" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(4, process.ExitCode);
        Assert.StartsWith("relief: cannot open the store (PostgreSQL):", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
