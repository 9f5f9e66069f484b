using Relief.Core.Knowledge.Loading;

namespace Relief.Core.Tests.Knowledge;

/// <summary>The knowledge base the repository ships passes every validation rule.</summary>
public class ShippedKnowledgeTests
{
    [Fact]
    public void The_shipped_knowledge_base_is_valid()
    {
        var result = KnowledgeLoader.Load(TestKnowledge.RealDirectory);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }
}
