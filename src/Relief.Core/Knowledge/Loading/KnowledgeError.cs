namespace Relief.Core.Knowledge.Loading;

/// <summary>One problem in the knowledge files: which file, which entry, and what is wrong.</summary>
public sealed record KnowledgeError(string File, string Entry, string Reason)
{
    public override string ToString() => $"{File}: {Entry}: {Reason}";
}
