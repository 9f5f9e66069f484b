using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>`relief summary`: a stored patient's visit summary written as PDF and HTML; bad arguments answered in one line.</summary>
public sealed class SummaryCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("relief-summary-").FullName;

    private string Store => Path.Combine(_folder, "relief.db");

    public SummaryCommandTests()
    {
        var imported = ReliefProcess.Run("patients", "import", Path.Combine(RepositoryPaths.Samples, "neuropathic-pain-gabapentin-not-working.json"), "--store", Store);
        Assert.Equal(0, imported.ExitCode);
    }

    [Fact]
    public void Writes_the_pdf_and_the_html_of_a_stored_patient()
    {
        var pdf = Path.Combine(_folder, "s.pdf");
        var html = Path.Combine(_folder, "s.html");

        var result = ReliefProcess.Run("summary", "gnw-patient", "--store", Store, "--pdf", pdf, "--html", html, "--as-of", "2026-11-21", "--since", "2026-08-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("%PDF", File.ReadAllText(pdf)[..4]);
        var page = File.ReadAllText(html);
        Assert.Contains("Is the treatment working?", page, StringComparison.Ordinal);
        Assert.Contains("5.0 (2026-07-28) to 6.0 (2026-11-10)", page, StringComparison.Ordinal);
        Assert.Contains("Decision support only", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("needs --pdf FILE and/or --html FILE", "summary", "gnw-patient")]
    [InlineData("not found", "summary", "nobody", "--pdf", "x.pdf")]
    [InlineData("is not a date", "summary", "gnw-patient", "--pdf", "x.pdf", "--since", "last week")]
    [InlineData("is after the summary date", "summary", "gnw-patient", "--pdf", "x.pdf", "--as-of", "2026-01-01", "--since", "2026-02-01")]
    public void Bad_arguments_are_one_line_and_exit_2(string message, params string[] args)
    {
        var result = ReliefProcess.Run([.. args, "--store", Store]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
