using Relief.Store.Knowledge;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Knowledge;

/// <summary>knowledge/follow-up/*.yaml is validated on load: each rule fails on a broken copy.</summary>
public sealed class FollowUpKnowledgeTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "relief-followup-kb-" + Guid.NewGuid().ToString("N"));

    public FollowUpKnowledgeTests()
    {
        var source = Path.Combine(RepositoryPaths.Root, "knowledge");
        foreach (var file in Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void The_repository_follow_up_knowledge_is_valid_and_codes_the_instruments_the_issue_names()
    {
        var knowledge = TestKnowledge.FollowUp;

        string[] loinc = ["72514-3", "91147-9", "75260-0", "75261-8", "75262-6", "77865-4", "77864-7", "91721-1", "77859-7", "44261-6", "70274-6"];
        Assert.All(loinc, code => Assert.Contains(knowledge.Instruments, i => i.Code?.Value == code && i.Code?.System == "http://loinc.org"));
        Assert.Equal(["75893-8", "91145-3", "91146-1"], knowledge.InstrumentsById["peg"].Items.Select(c => c.Value));
        Assert.All(new[] { "fiqr", "dsq-pem", "energy-envelope" }, id => Assert.Equal(knowledge.LocalCodeSystem, knowledge.InstrumentsById[id].Code!.Value.System));
        Assert.All(knowledge.Regions.Values, r => Assert.Equal("http://snomed.info/sct", r.Code!.Value.System));
    }

    [Theory]
    [InlineData("instruments.yaml", "range: { min: 0, max: 27 }", "range: { min: 27, max: 0 }", "phq-9: range needs min < max")]
    [InlineData("instruments.yaml", "    source: bennett-2009-fiqr", "    source: nobody-2020", "fiqr: source 'nobody-2020' is not in sources.yaml")]
    [InlineData("instruments.yaml", "code: { system: loinc, code: \"44261-6\"", "code: { system: loinc, code: \"44261\"", "phq-9: '44261' is not a well-formed loinc code")]
    [InlineData("body-map.yaml", "code: { system: snomed, code: \"45048000\", display: \"Neck structure\" }, ", "", "neck: a body-map region needs its SNOMED CT body-structure code")]
    [InlineData("pacing.yaml", "from-hours-before: 72, to-hours-before: 24", "from-hours-before: 24, to-hours-before: 72", "exertion-window: needs from-hours-before > to-hours-before >= 0")]
    [InlineData("pacing.yaml", "when: any-crash", "when: sometimes", "pacing-review-plan: when must be one of any-crash, crash-after-high-exertion")]
    [InlineData("questionnaires.yaml", "instrument: promis-pain-intensity-worst", "instrument: promis-nothing", "mypain: 2.1: instrument 'promis-nothing' is not in instruments.yaml")]
    [InlineData("questionnaires.yaml", "{ display: \"Mild\", code: \"LA6752-5\", score: 2 }", "{ display: \"Mild\", code: \"LA6752-5\", score: 7 }", "mypain: 2.1: answer scores fall outside instrument promis-pain-intensity-worst's range")]
    public void A_broken_follow_up_file_is_refused_with_file_entry_and_reason(string file, string find, string replace, string expected)
    {
        var path = Path.Combine(_copy, "follow-up", file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));

        var (knowledge, errors) = FollowUpKnowledgeLoader.Load(_copy, TestKnowledge.Knowledge);

        Assert.Null(knowledge);
        Assert.Contains(errors, e => $"{e.Entry}: {e.Reason}" == expected && e.File == $"follow-up/{file}");
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);
}
