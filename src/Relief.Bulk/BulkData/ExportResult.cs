namespace Relief.Bulk.BulkData;

/// <summary>A downloaded output file: where it came from, where it is, its type and its checked line count.</summary>
public sealed record DownloadedFile(string Type, string Url, string LocalFile, long Lines, long? ManifestCount);

/// <summary>Something wrong with the export: the file (or the operation) and what.</summary>
public sealed record ExportProblem(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>
/// The outcome of an export: the local manifest (relative URLs to the checked files), the files, and every
/// problem. Files that failed their check are kept beside the others with the suffix <c>.rejected</c> and left
/// out of the local manifest, so a screen of the folder never reads them.
/// </summary>
public sealed record ExportResult(string? ManifestPath, IReadOnlyList<DownloadedFile> Files, IReadOnlyList<ExportProblem> Problems, bool Resumed)
{
    public bool Succeeded => ManifestPath is not null && Problems.Count == 0;
}
