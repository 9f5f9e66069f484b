using System.IO.Compression;

namespace Relief.Bulk.Input;

/// <summary>One NDJSON file of an export: where it is, the name reports use for it, and how to read it.</summary>
public sealed record ExportFile(Uri Location, string Name, IExportFileOpener Opener)
{
    public bool IsGzip => Location.AbsolutePath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The stored size (compressed for .gz), when known.</summary>
    public long? StoredLength => Opener.Length(Location);

    /// <summary>The decompressed lines' bytes; <paramref name="stored"/> counts the bytes as stored, for progress.</summary>
    public Stream Open(out CountingStream stored)
    {
        stored = new CountingStream(Opener.Open(Location));
        return IsGzip ? new GZipStream(stored, CompressionMode.Decompress) : stored;
    }
}
