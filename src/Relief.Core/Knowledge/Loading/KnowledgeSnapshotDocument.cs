namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// What <see cref="KnowledgeSnapshot"/> writes: the parsed knowledge files and what they were parsed from. The header
/// fields decide whether the snapshot may stand in for the YAML (all three must match the running code and the directory).
/// </summary>
internal sealed class KnowledgeSnapshotDocument
{
    /// <summary>The snapshot layout's version; bumped when this document's own shape changes.</summary>
    public required int Format { get; init; }

    /// <summary>A hash of the parsed files' types and fields (<see cref="KnowledgeSnapshotShape"/>) in the code that wrote it.</summary>
    public required string Shape { get; init; }

    /// <summary>The <see cref="KnowledgeContentHash"/> of the directory the files were parsed from.</summary>
    public required string ContentHash { get; init; }

    public required KnowledgeFileSet Files { get; init; }
}
