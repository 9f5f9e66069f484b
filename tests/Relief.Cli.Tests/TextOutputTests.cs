using System.Text.Json;
using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>
/// The text a clinician reads: what needs action first, what could not be checked beside the all-clear,
/// one monitoring row per drug, the patient named, no internal words, and it fits an 80-column terminal.
/// </summary>
public class TextOutputTests
{
    private const string AsOf = "2026-11-21";

    private static readonly Dictionary<string, string> Columns80 = new() { ["COLUMNS"] = "80" };

    private static string Sample(string name) => Path.Combine(RepositoryPaths.Samples, name);

    private static ReliefProcess.Result Text(string sample, params string[] extra) =>
        ReliefProcess.Run(Columns80, ["assess", Sample(sample), "--as-of", AsOf, .. extra]);

    [Fact]
    public void What_needs_action_comes_before_the_options_and_the_medication_review()
    {
        var output = Text("older-adult-opioid-benzo-gabapentinoid.json").Output;

        var action = output.IndexOf("Needs action", StringComparison.Ordinal);
        Assert.True(action >= 0, output);
        Assert.True(action < output.IndexOf("Strongest options", StringComparison.Ordinal));
        Assert.True(action < output.IndexOf("Medication review", StringComparison.Ordinal));
    }

    [Fact]
    public void Within_needs_action_the_order_is_the_findings_order_most_severe_first()
    {
        var json = ReliefProcess.Run("assess", Sample("older-adult-opioid-benzo-gabapentinoid.json"), "--format", "json", "--as-of", AsOf);
        using var document = JsonDocument.Parse(json.OutputLines.Single());
        var severities = document.RootElement.GetProperty("assessment").GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("family").GetString() is "caution" or "interaction" or "dose" && !f.GetProperty("unchecked").GetBoolean())
            .Select(f => f.GetProperty("severity").GetString()!)
            .ToList();
        var text = Text("older-adult-opioid-benzo-gabapentinoid.json").Output;
        var start = text.IndexOf("Needs action", StringComparison.Ordinal);
        var end = new[] { "Could not check", "Monitoring (", "Is the treatment working?", "Strongest options" }
            .Select(heading => text.IndexOf(heading, start, StringComparison.Ordinal))
            .Where(i => i > start)
            .Min();
        var section = text[start..end];
        var printed = section.Split('\n')
            .Select(line => line.TrimStart().Split(' ')[0])
            .Where(word => word is "contraindicated" or "major" or "moderate")
            .ToList();

        Assert.NotEmpty(severities);
        Assert.Equal(severities, printed);
    }

    [Fact]
    public void Could_not_check_sits_right_under_the_safety_all_clear()
    {
        var output = Text("fibromyalgia-on-duloxetine.json").Output;
        var lines = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();

        var allClear = lines.FindIndex(l => l.StartsWith("Safety: no caution", StringComparison.Ordinal));
        Assert.True(allClear >= 0, output);
        Assert.StartsWith("Could not check", lines[allClear + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_names_the_patient_with_birth_date()
    {
        var output = Text("fibromyalgia-long-term-prednisone.json").Output;

        Assert.Contains("Grace Okafor · born 1974-07-02 (52 y)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_folds_to_one_row_per_drug()
    {
        var output = Text("rheumatoid-arthritis-on-methotrexate.json").Output;
        var section = output[output.IndexOf("Monitoring (one row per drug)", StringComparison.Ordinal)..output.IndexOf("Pain in rheumatoid arthritis", StringComparison.Ordinal)];

        // One row for the drug; the four tests overdue on the same schedule share one line.
        Assert.Single(section.Split('\n'), l => l.TrimStart().StartsWith("methotrexate ", StringComparison.Ordinal));
        var overdue = Assert.Single(section.Split('\n'), l => l.Contains("overdue:", StringComparison.Ordinal));
        Assert.Contains("Creatinine", overdue, StringComparison.Ordinal);
        Assert.Contains("Neutrophil count", section, StringComparison.Ordinal);
        Assert.Contains("White cell count", section, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_the_options_are_the_strongest_and_the_rest_on_one_line_and_all_shows_every_option()
    {
        var compact = Text("fibromyalgia-long-term-prednisone.json").Output;
        var all = Text("fibromyalgia-long-term-prednisone.json", "--all").Output;

        Assert.Contains("Not recommended:", compact, StringComparison.Ordinal);
        Assert.Contains("relief assess --all", compact, StringComparison.Ordinal);
        Assert.DoesNotContain("Stem-cell therapy", compact, StringComparison.Ordinal);
        Assert.Contains("Stem-cell therapy", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_columns_are_left_out_of_the_full_options_table()
    {
        // No fibromyalgia statement gives a line of therapy or an NNT: those columns would be empty on every row.
        var all = Text("fibromyalgia-long-term-prednisone.json", "--all").Output;

        Assert.DoesNotContain("NNT / NNH", all, StringComparison.Ordinal);
        Assert.DoesNotContain("│ Line", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sample_fits_80_columns_and_no_internal_word_reaches_the_clinician()
    {
        var result = ReliefProcess.Run(Columns80, "assess", RepositoryPaths.Samples, "--as-of", AsOf, "--all");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.Length} columns: {line}"));
        foreach (var word in new[] { ".yaml", "FhirReadOptions", "beers-cns-active" })
        {
            Assert.DoesNotContain(word, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Findings_cite_no_terminology_as_a_source()
    {
        var result = ReliefProcess.Run("assess", RepositoryPaths.Samples, "--format", "json", "--as-of", AsOf);

        var labels = result.OutputLines
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("assessment").GetProperty("findings"))
            .SelectMany(findings => findings.EnumerateArray())
            .SelectMany(f => f.GetProperty("sources").EnumerateArray())
            .Select(s => s.GetProperty("kind").GetString())
            .ToList();
        Assert.NotEmpty(labels);
        Assert.DoesNotContain("terminology", labels);
    }
}
