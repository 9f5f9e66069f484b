using System.Text.Json;
using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>
/// The compiled knowledge snapshot (knowledge.snapshot.json) is a cache of the YAML: the knowledge loaded from it equals
/// the knowledge loaded from the YAML field for field, and it is used only for exactly the files it was made from.
/// </summary>
public class KnowledgeSnapshotTests
{
    public static TheoryData<string> Directories => new() { TestKnowledge.RealDirectory, TestKnowledge.MiniDirectory };

    [Theory]
    [MemberData(nameof(Directories))]
    public void The_snapshot_gives_the_same_parsed_files_and_knowledge_base_as_the_yaml(string source)
    {
        using var copy = new KnowledgeCopy(source);
        Assert.True(KnowledgeSnapshot.Compile(copy.Directory).Succeeded);

        var fromSnapshot = KnowledgeLoader.Load(copy.Directory);
        var fromYaml = KnowledgeLoader.LoadYaml(copy.Directory);

        Assert.True(fromSnapshot.FromSnapshot);
        Assert.False(fromYaml.FromSnapshot);
        Assert.NotNull(fromSnapshot.Knowledge);
        Assert.Null(StructuralComparison.FirstDifference(KnowledgeLoader.ReadAndBuild(copy.Directory).Files, KnowledgeSnapshot.TryRead(copy.Directory)));
        Assert.Null(StructuralComparison.FirstDifference(fromYaml.Knowledge, fromSnapshot.Knowledge));
    }

    [Fact]
    public void The_comparison_finds_a_single_changed_field()
    {
        // The differential test above is only as good as the comparison: one changed title must be found.
        using var copy = new KnowledgeCopy(TestKnowledge.RealDirectory);
        copy.Replace(KnowledgeLoader.SourcesFile, "neuropathic pain in adults: a systematic review", "neuropathic pain in grown-ups: a systematic review");

        var difference = StructuralComparison.FirstDifference(TestKnowledge.Real, KnowledgeLoader.LoadYaml(copy.Directory).Knowledge);

        Assert.NotNull(difference);
        Assert.Contains("Title", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void The_comparison_tells_decimals_by_their_scale()
    {
        Assert.NotNull(StructuralComparison.FirstDifference(new QuantityEntry { Value = 1.5m }, new QuantityEntry { Value = 1.50m }));
        Assert.Null(StructuralComparison.FirstDifference(new QuantityEntry { Value = 1.50m }, new QuantityEntry { Value = 1.50m }));
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("add evidence file")]
    [InlineData("remove file")]
    [InlineData("rename file")]
    [InlineData("add empty folder")]
    public void A_snapshot_of_other_files_is_ignored_and_the_yaml_is_read(string change)
    {
        using var copy = new KnowledgeCopy(TestKnowledge.RealDirectory);
        Assert.True(KnowledgeSnapshot.Compile(copy.Directory).Succeeded);
        Assert.Equal(KnowledgeSnapshotState.Current, KnowledgeSnapshot.Check(copy.Directory));
        var evidence = Path.Combine(copy.Directory, KnowledgeLoader.EvidenceFolder);
        switch (change)
        {
            case "edit":
                copy.Replace(KnowledgeLoader.DrugsFile, "- id: duloxetine\n  name: duloxetine\n", "- id: duloxetine\n  name: duloxetine edited\n");
                break;
            case "add evidence file":
                File.WriteAllText(Path.Combine(evidence, "zz-extra.yaml"), "condition: fibromyalgia\nstatements: []\n");
                break;
            case "remove file":
                File.Delete(Path.Combine(copy.Directory, KnowledgeLoader.OpioidAdditionsFile));
                break;
            case "rename file":
                File.Move(Path.Combine(evidence, "ms-pain.yaml"), Path.Combine(evidence, "ms-pain-renamed.yaml"));
                break;
            default:
                Directory.CreateDirectory(Path.Combine(copy.Directory, "notes"));
                break;
        }

        var loaded = KnowledgeLoader.Load(copy.Directory);

        Assert.Equal(KnowledgeSnapshotState.Stale, KnowledgeSnapshot.Check(copy.Directory));
        Assert.False(loaded.FromSnapshot);
        Assert.Null(StructuralComparison.FirstDifference(KnowledgeLoader.LoadYaml(copy.Directory).Knowledge, loaded.Knowledge));
        if (change == "edit")
        {
            Assert.Equal("duloxetine edited", loaded.Knowledge!.Drugs["duloxetine"].Name);
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("not JSON")]
    [InlineData("empty")]
    [InlineData("other file types")]
    [InlineData("unknown member")]
    public void A_damaged_snapshot_is_ignored_and_nothing_is_lost(string damage)
    {
        using var copy = new KnowledgeCopy(TestKnowledge.RealDirectory);
        Assert.True(KnowledgeSnapshot.Compile(copy.Directory).Succeeded);
        var path = KnowledgeSnapshot.PathIn(copy.Directory);
        var text = File.ReadAllText(path);
        var damaged = damage switch
        {
            "truncated" => text[..(text.Length / 2)],
            "not JSON" => "\u0000\u00ff garbage",
            "empty" => "",
            "other file types" => ReplaceShape(text, "0000000000000000000000000000000000000000000000000000000000000000"),
            _ => text.Replace("\"Manifest\":{", "\"Manifest\":{\"Maintainer\":\"x\",", StringComparison.Ordinal),
        };
        Assert.NotEqual(text, damaged);
        File.WriteAllText(path, damaged);

        var loaded = KnowledgeLoader.Load(copy.Directory);

        Assert.Equal(KnowledgeSnapshotState.Unreadable, KnowledgeSnapshot.Check(copy.Directory));
        Assert.False(loaded.FromSnapshot);
        Assert.Null(StructuralComparison.FirstDifference(TestKnowledge.Real, loaded.Knowledge));
    }

    [Fact]
    public void Compiling_invalid_knowledge_writes_no_snapshot_and_removes_an_old_one()
    {
        using var copy = new KnowledgeCopy(TestKnowledge.RealDirectory);
        Assert.True(KnowledgeSnapshot.Compile(copy.Directory).Succeeded);
        copy.Replace(KnowledgeLoader.SourcesFile, "year: 2015", "year: 15");

        var compiled = KnowledgeSnapshot.Compile(copy.Directory);

        Assert.False(compiled.Succeeded);
        Assert.Contains(compiled.Errors, e => e.File == KnowledgeLoader.SourcesFile && e.Reason.Contains("year", StringComparison.Ordinal));
        Assert.False(File.Exists(KnowledgeSnapshot.PathIn(copy.Directory)));
        Assert.Equal<KnowledgeError>(KnowledgeLoader.LoadYaml(copy.Directory).Errors, KnowledgeLoader.Load(copy.Directory).Errors);
    }

    [Fact]
    public void Without_a_snapshot_the_yaml_is_read()
    {
        using var copy = new KnowledgeCopy(TestKnowledge.MiniDirectory);

        Assert.Equal(KnowledgeSnapshotState.Missing, KnowledgeSnapshot.Check(copy.Directory));
        Assert.False(KnowledgeLoader.Load(copy.Directory).FromSnapshot);
    }

    [Fact]
    public void Compiling_a_missing_directory_says_so()
    {
        var compiled = KnowledgeSnapshot.Compile(Path.Combine(Path.GetTempPath(), $"relief-kb-missing-{Guid.NewGuid():N}"));

        Assert.Contains(compiled.Errors, e => e.Reason == KnowledgeMessages.DirectoryNotFound);
    }

    private static string ReplaceShape(string json, string shape)
    {
        using var document = JsonDocument.Parse(json);
        var current = document.RootElement.GetProperty("Shape").GetString()!;
        return json.Replace(current, shape, StringComparison.Ordinal);
    }
}
