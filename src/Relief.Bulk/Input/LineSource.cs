namespace Relief.Bulk.Input;

/// <summary>
/// A stream of NDJSON lines for the first pass: an export file (one resource per line), or standard input
/// carrying patient-grouped lines (one patient's resources per line, as a FHIR collection Bundle).
/// </summary>
public sealed record LineSource(string Name, bool PatientBundles, long? StoredLength, Func<(Stream Lines, CountingStream Stored)> Open)
{
    public static LineSource From(ExportFile file) =>
        new(file.Name, false, file.StoredLength, () => (file.Open(out var stored), stored));

    public static LineSource PatientBundlesFrom(string name, Func<Stream> open) =>
        new(name, true, null, () =>
        {
            var stored = new CountingStream(open());
            return (stored, stored);
        });
}
