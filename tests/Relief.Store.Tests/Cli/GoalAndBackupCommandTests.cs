using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Cli;

/// <summary>`relief goals` and `relief store backup|restore` as a user runs them (the real binary, a SQLite store).</summary>
public sealed class GoalAndBackupCommandTests : IDisposable
{
    private const string Sample = "samples/fibromyalgia-long-term-prednisone.json";
    private const string SampleId = "5eb54fe0-7836-58bd-919c-1dafc9a86a40";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "relief-cli-goals-" + Guid.NewGuid().ToString("N"));

    private string StorePath => Path.Combine(_directory, "relief.db");

    private (int ExitCode, string Output, string Error) Relief(params string[] args) => ReliefProcess.Run(["--store", StorePath, .. args]);

    [Fact]
    public void A_goal_is_added_listed_and_its_status_changed_and_bad_input_is_one_line_exit_2()
    {
        Assert.Equal(0, Relief("patients", "import", Sample).ExitCode);

        var added = Relief("goals", "add", SampleId, "--text", "Walk to the park", "--instrument", "pain-nrs", "--target", "4", "--start", "2026-01-05", "--due", "2026-04-01");
        var outOfRange = Relief("goals", "add", SampleId, "--text", "Less pain", "--instrument", "pain-nrs", "--target", "15");
        var badDue = Relief("goals", "add", SampleId, "--text", "Less pain", "--due", "soon");
        var list = Relief("goals", "list", SampleId);

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Walk to the park; target Pain", added.Output, StringComparison.Ordinal);
        Assert.Contains("<= 4 by 2026-04-01", added.Output, StringComparison.Ordinal);
        Assert.Equal(2, outOfRange.ExitCode);
        Assert.StartsWith("relief: target: 15 is outside", outOfRange.Error, StringComparison.Ordinal);
        Assert.Equal(2, badDue.ExitCode);
        Assert.Contains("--due 'soon' is not a date", badDue.Error, StringComparison.Ordinal);
        Assert.Contains("1 goal(s)", list.Output, StringComparison.Ordinal);
        var id = list.Output.Trim().Split('\n')[0].Trim().Split(' ')[0];

        var stale = Relief("goals", "status", id, "--version", "7", "--lifecycle", "completed");
        var done = Relief("goals", "status", id, "--version", "1", "--lifecycle", "completed", "--achievement", "achieved");

        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("version", stale.Error, StringComparison.Ordinal);
        Assert.Equal(0, done.ExitCode);
        Assert.Contains("[completed, achieved", done.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_restores_the_store_as_it_was_and_restore_needs_yes()
    {
        Assert.Equal(0, Relief("patients", "import", Sample).ExitCode);
        var backupFile = Path.Combine(_directory, "before.bak");

        var backup = Relief("store", "backup", backupFile);
        var again = Relief("store", "backup", backupFile);
        Assert.Equal(0, Relief("goals", "add", SampleId, "--text", "Added after the backup").ExitCode);
        var unconfirmed = Relief("store", "restore", backupFile);
        var stillThere = Relief("goals", "list", SampleId);
        var restored = Relief("store", "restore", backupFile, "--yes");
        var after = Relief("goals", "list", SampleId);
        var patients = Relief("patients", "list");

        Assert.Equal(0, backup.ExitCode);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Contains("Added after the backup", stillThere.Output, StringComparison.Ordinal);
        Assert.Equal(0, restored.ExitCode);
        Assert.Contains("0 goal(s)", after.Output, StringComparison.Ordinal);
        Assert.Contains(SampleId, patients.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_not_restored_and_the_store_is_unchanged()
    {
        Assert.Equal(0, Relief("patients", "import", Sample).ExitCode);
        var notAStore = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(notAStore, "not a database");

        var refused = Relief("store", "restore", notAStore, "--yes");
        var missing = Relief("store", "restore", Path.Combine(_directory, "none.bak"), "--yes");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not a Relief SQLite store backup", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains(SampleId, Relief("patients", "list").Output, StringComparison.Ordinal);
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
