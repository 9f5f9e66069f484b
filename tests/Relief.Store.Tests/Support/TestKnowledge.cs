using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;
using Relief.Store.Knowledge;

namespace Relief.Store.Tests.Support;

/// <summary>The repository's knowledge base and follow-up knowledge, loaded once for all tests.</summary>
public static class TestKnowledge
{
    private static readonly Lazy<(KnowledgeBase Knowledge, FollowUpKnowledge FollowUp)> Loaded = new(() =>
    {
        var directory = Path.Combine(RepositoryPaths.Root, "knowledge");
        var knowledge = KnowledgeLoader.Load(directory).Knowledge ?? throw new InvalidOperationException("the repository's knowledge base is invalid");
        var (followUp, errors) = FollowUpKnowledgeLoader.Load(directory, knowledge);
        return (knowledge, followUp ?? throw new InvalidOperationException("follow-up knowledge invalid: " + string.Join("; ", errors)));
    });

    public static KnowledgeBase Knowledge => Loaded.Value.Knowledge;

    public static FollowUpKnowledge FollowUp => Loaded.Value.FollowUp;
}
