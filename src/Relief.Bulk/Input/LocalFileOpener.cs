namespace Relief.Bulk.Input;

/// <summary>Local files, named by path or <c>file://</c> URL.</summary>
public sealed class LocalFileOpener : IExportFileOpener
{
    public bool CanOpen(Uri location) => location.IsFile;

    public Stream Open(Uri location) =>
        new FileStream(location.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    public long? Length(Uri location) => new FileInfo(location.LocalPath).Length;
}
