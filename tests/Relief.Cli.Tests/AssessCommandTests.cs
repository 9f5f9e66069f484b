using System.Text.Json;
using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>`relief assess` end to end: the real binary, real files, exit codes and output.</summary>
public class AssessCommandTests : IDisposable
{
    private const string AsOf = "2026-11-21";

    private static string Sample(string name) => Path.Combine(RepositoryPaths.Samples, name);

    [Fact]
    public void Text_output_reads_like_a_clinical_summary_with_sources_and_the_disclaimer()
    {
        var result = ReliefProcess.Run("assess", Sample("fibromyalgia-long-term-prednisone.json"), "--as-of", AsOf);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Fibromyalgia", result.Output, StringComparison.Ordinal);
        Assert.Contains("Medication review", result.Output, StringComparison.Ordinal);
        Assert.Contains("recommended against", result.Output, StringComparison.Ordinal);
        Assert.Contains("strong-for", result.Output, StringComparison.Ordinal);
        Assert.Contains("Decision support only, not a prescription", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Json_output_is_one_document_per_file_naming_the_file()
    {
        var files = new[] { "fibromyalgia-on-duloxetine.json", "me-cfs.json", "ms-central-pain.json" }.Select(Sample).ToArray();

        var result = ReliefProcess.Run(["assess", .. files, "--format", "json", "--as-of", AsOf]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Length);
        for (var i = 0; i < files.Length; i++)
        {
            using var doc = JsonDocument.Parse(result.OutputLines[i]);
            Assert.Equal(files[i], doc.RootElement.GetProperty("file").GetString());
            Assert.Equal(AsOf, doc.RootElement.GetProperty("assessment").GetProperty("asOf").GetString());
            Assert.Contains("not a prescription", doc.RootElement.GetProperty("disclaimer").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_directory_is_assessed_file_by_file_in_one_run()
    {
        var expected = Directory.GetFiles(RepositoryPaths.Samples, "*.json").Length;

        var result = ReliefProcess.Run("assess", RepositoryPaths.Samples, "--format", "json", "--as-of", AsOf);

        Assert.Equal(0, result.ExitCode);
        Assert.True(expected >= 10, "at least ten samples are bundled");
        Assert.Equal(expected, result.OutputLines.Length);
    }

    [Fact]
    public void Findings_carry_codes_as_system_bar_code_and_grades_from_the_fixed_vocabulary()
    {
        var result = ReliefProcess.Run("assess", Sample("painful-diabetic-neuropathy-on-pregabalin.json"), "--format", "json", "--as-of", AsOf);

        using var doc = JsonDocument.Parse(result.OutputLines.Single());
        var grades = new HashSet<string> { "strong-for", "weak-for", "insufficient", "experimental", "weak-against", "strong-against" };
        var conditions = doc.RootElement.GetProperty("assessment").GetProperty("conditions").EnumerateArray().ToList();
        Assert.NotEmpty(conditions);
        foreach (var option in conditions.SelectMany(c => c.GetProperty("options").EnumerateArray()))
        {
            Assert.Contains(option.GetProperty("grade").GetString()!, grades);
            foreach (var code in option.GetProperty("codes").EnumerateArray())
            {
                Assert.Matches(@"^https?://[^|]+\|[^|]+$", code.GetString());
            }
        }
    }

    [Fact]
    public void Malformed_json_is_a_one_line_error_with_exit_code_2()
    {
        var file = TempFile("{ \"resourceType\": \"Bundle\", ");

        var result = ReliefProcess.Run("assess", file);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"relief: {file}:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Trait(Requires.Key, Requires.SharedData)]
    [Fact]
    public void A_dstu2_bundle_is_rejected_as_an_unsupported_fhir_version()
    {
        var dstu2 = Directory.GetFiles(Path.Combine(RepositoryPaths.SharedData, "pain-summary-patients"), "*.json")
            .First(f => !f.EndsWith("brenda_jackson.json", StringComparison.Ordinal));

        var result = ReliefProcess.Run("assess", dstu2);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unsupported FHIR version", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_garbage_after_the_document_is_rejected()
    {
        var result = ReliefProcess.Run("assess", TempFile("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}\n}"));

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_resource_that_is_not_a_bundle_is_rejected()
    {
        var result = ReliefProcess.Run("assess", TempFile("{\"resourceType\":\"Patient\",\"id\":\"p1\"}"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Patient", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_without_a_patient_is_rejected()
    {
        var result = ReliefProcess.Run("assess", TempFile("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Patient", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_batch_a_bad_file_is_reported_and_the_others_are_still_assessed()
    {
        var bad = TempFile("not json");

        var result = ReliefProcess.Run("assess", Sample("me-cfs.json"), bad, "--format", "json", "--as-of", AsOf);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(2, result.OutputLines.Length);
        using var good = JsonDocument.Parse(result.OutputLines[0]);
        using var error = JsonDocument.Parse(result.OutputLines[1]);
        Assert.True(good.RootElement.TryGetProperty("assessment", out _));
        Assert.Equal("malformed-json", error.RootElement.GetProperty("error").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("assess", "no-such-file.json")]
    [InlineData("assess", "samples/me-cfs.json", "--as-of", "21/11/2026")]
    [InlineData("assess", "samples/me-cfs.json", "--format", "xml")]
    [InlineData("assess")]
    [InlineData("frobnicate")]
    public void Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var result = ReliefProcess.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("relief:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_not_a_file_name()
    {
        var result = ReliefProcess.Run("assess", "--formt", "json", Sample("me-cfs.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--formt'", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void In_json_mode_a_missing_file_gets_its_error_document()
    {
        var result = ReliefProcess.Run("assess", Sample("me-cfs.json"), "no-such-file.json", "--format", "json", "--as-of", AsOf);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(2, result.OutputLines.Length);
        using var missing = JsonDocument.Parse(result.OutputLines[1]);
        Assert.Equal("no-such-file.json", missing.RootElement.GetProperty("file").GetString());
        Assert.Equal("not-found", missing.RootElement.GetProperty("error").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1066-10-14")]
    public void A_far_future_or_far_past_as_of_date_is_rejected(string asOf)
    {
        var result = ReliefProcess.Run("assess", Sample("me-cfs.json"), "--as-of", asOf);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--as-of " + asOf + " is outside", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Directories_are_searched_recursively_and_a_json_that_is_not_a_bundle_is_skipped_with_a_warning()
    {
        var root = Path.Combine(Path.GetTempPath(), $"relief-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "nested"));
        File.Copy(Sample("me-cfs.json"), Path.Combine(root, "nested", "me-cfs.json"));
        File.WriteAllText(Path.Combine(root, "INDEX.json"), "[\"nested/me-cfs.json\"]");
        try
        {
            var result = ReliefProcess.Run("assess", root, "--format", "json", "--as-of", AsOf);

            Assert.Equal(0, result.ExitCode);
            var line = Assert.Single(result.OutputLines);
            Assert.Contains("\"assessment\"", line, StringComparison.Ordinal);
            Assert.Contains("warning", result.Error, StringComparison.Ordinal);
            Assert.Contains("INDEX.json: skipped", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_non_bundle_named_on_the_command_line_is_still_an_error()
    {
        var result = ReliefProcess.Run("assess", TempFile("[1, 2]"), "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.OutputLines);
    }

    [Fact]
    public void The_same_input_gives_the_same_output()
    {
        var first = ReliefProcess.Run("assess", Sample("rheumatoid-arthritis-on-methotrexate.json"), "--format", "json", "--as-of", AsOf);
        var second = ReliefProcess.Run("assess", Sample("rheumatoid-arthritis-on-methotrexate.json"), "--format", "json", "--as-of", AsOf);

        Assert.Equal(first.Output, second.Output);
    }

    private readonly List<string> _temporaryFiles = [];

    public void Dispose()
    {
        foreach (var path in _temporaryFiles)
        {
            File.Delete(path);
        }
    }

    private string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"relief-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        _temporaryFiles.Add(path);
        return path;
    }
}
