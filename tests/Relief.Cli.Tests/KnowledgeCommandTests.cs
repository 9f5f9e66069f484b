using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>`relief kb validate` and `relief kb show` end to end.</summary>
public class KnowledgeCommandTests
{
    [Fact]
    public void The_shipped_knowledge_base_validates()
    {
        var result = ReliefProcess.Run("kb", "validate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": valid", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"safety: \d+ patient factors, \d+ cautions, \d+ interactions", result.Output);
    }

    [Fact]
    public void A_broken_knowledge_base_fails_with_file_entry_and_reason_and_exit_3()
    {
        var copy = KnowledgeDirectories.CopyToTemp();
        try
        {
            var path = Path.Combine(copy, "sources.yaml");
            File.WriteAllText(path, File.ReadAllText(path) + "\n  - { id: broken-entry, title: Broken, year: 1, kind: guideline }\n");

            var result = ReliefProcess.Run("kb", "validate", "--knowledge", copy);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("sources.yaml: broken-entry: year is missing or not a year", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void The_knowledge_directory_can_come_from_the_environment()
    {
        var result = ReliefProcess.Run(new Dictionary<string, string> { ["RELIEF_KNOWLEDGE"] = "/nonexistent" }, "kb", "validate");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("knowledge directory not found", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fibromyalgia", "condition fibromyalgia")]
    [InlineData("Fibromyalgia", "condition fibromyalgia")]
    [InlineData("m79.7", "condition fibromyalgia")]
    [InlineData("203082005", "condition fibromyalgia")]
    [InlineData("snomed|95417003", "condition fibromyalgia")]
    [InlineData("M79.7", "condition fibromyalgia")]
    [InlineData("duloxetine", "drug duloxetine")]
    [InlineData("72625", "drug duloxetine")]
    [InlineData("1049221", "ingredients: acetaminophen, oxycodone")]
    [InlineData("neupsig-2015", "source neupsig-2015")]
    [InlineData("opioid-benzodiazepine", "interaction opioid-benzodiazepine: opioid-analgesics + benzodiazepines → major")]
    [InlineData("gabapentin-renal", "creatinine clearance 30 to below 60 mL/min: at most 1400 mg per day")]
    [InlineData("methotrexate", "monitoring protocol methotrexate")]
    [InlineData("hydroxychloroquine", "procedure retinal-examination: Retinal examination (hydroxychloroquine retinopathy screening); weeks 0-52: once; weeks 52-260: nothing due; weeks 260-…: every 52 weeks")]
    [InlineData("jak-inhibitor", "do not start (tofacitinib): hemoglobin < 90 g/L (latest result within 90 days)")]
    [InlineData("crcl-below-30", "patient factor crcl-below-30")]
    [InlineData("tramadol", "interaction tramadol-serotonergic-antidepressant: major")]
    public void Show_finds_an_entry_by_id_or_code(string query, string expected)
    {
        var result = ReliefProcess.Run("kb", "show", query);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_lists_for_a_drug_only_the_class_statements_that_cover_it()
    {
        var venlafaxine = ReliefProcess.Run("kb", "show", "venlafaxine");
        var milnacipran = ReliefProcess.Run("kb", "show", "milnacipran");

        Assert.Contains("[neuropathic-pain-snri-neupsig-2015]", venlafaxine.Output, StringComparison.Ordinal);
        Assert.Contains("members: duloxetine, venlafaxine", venlafaxine.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[neuropathic-pain-snri-neupsig-2015]", milnacipran.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_names_what_it_could_not_find()
    {
        var result = ReliefProcess.Run("kb", "show", "no-such-thing");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-thing", result.Error, StringComparison.Ordinal);
    }
}
