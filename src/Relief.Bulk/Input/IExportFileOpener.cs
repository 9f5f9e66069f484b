namespace Relief.Bulk.Input;

/// <summary>
/// Opens one file of an export or a manifest by its location. Local paths and <c>file://</c> URLs are
/// opened by <see cref="LocalFileOpener"/>, <c>http(s)://</c> by <see cref="HttpFileOpener"/>; a Bulk Data
/// client with authorisation and retries plugs in here by implementing this interface.
/// </summary>
public interface IExportFileOpener
{
    bool CanOpen(Uri location);

    /// <summary>The bytes as stored (a <c>.gz</c> file stays compressed; the caller decompresses).</summary>
    Stream Open(Uri location);

    /// <summary>The stored size when known without reading (for progress and ETA), else null.</summary>
    long? Length(Uri location);
}
