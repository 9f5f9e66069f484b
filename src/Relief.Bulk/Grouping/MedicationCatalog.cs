using System.Collections.Concurrent;
using System.Text.Json;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The export's Medication resources by id. A request names its Medication by reference, and the Medication
/// belongs to no patient, so every patient's read may need it: the catalogue is kept whole for the run (an
/// export's Medications are its distinct products, thousands, not millions) and saved beside the spill for a resume.
/// </summary>
public sealed class MedicationCatalog : IDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> lines = new(StringComparer.Ordinal);
    private Dictionary<string, JsonDocument>? parsed;

    public int Count => lines.Count;

    /// <summary>Adds a Medication line; of two different copies under one id the smaller bytes win, so file order cannot matter.</summary>
    public void Add(string id, ReadOnlySpan<byte> line)
    {
        var copy = line.ToArray();
        lines.AddOrUpdate(id, copy, (_, existing) => existing.AsSpan().SequenceCompareTo(copy) <= 0 ? existing : copy);
    }

    /// <summary>The Medication a <c>medicationReference</c> names (<c>Medication/id</c>, absolute or with history).</summary>
    public bool TryGet(string reference, out JsonElement medication)
    {
        medication = default;
        if (parsed is null)
        {
            throw new InvalidOperationException("the catalogue is read only after Freeze()");
        }

        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        var target = history < 0 ? reference : reference[..history];
        var slash = target.LastIndexOf('/');
        if (slash <= 0 || !target.AsSpan(0, slash).EndsWith("Medication", StringComparison.Ordinal))
        {
            return false;
        }

        if (parsed.TryGetValue(target[(slash + 1)..], out var document))
        {
            medication = document.RootElement;
            return true;
        }

        return false;
    }

    /// <summary>Parses every Medication once; JSON elements are then read by all workers at once (reading is thread-safe).</summary>
    public void Freeze() =>
        parsed = lines.ToDictionary(pair => pair.Key, pair => JsonDocument.Parse(pair.Value), StringComparer.Ordinal);

    public void Save(string path)
    {
        using var stream = File.Create(path);
        foreach (var (_, line) in lines.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            stream.Write(line);
            stream.WriteByte((byte)'\n');
        }
    }

    public static MedicationCatalog Load(string path)
    {
        var catalog = new MedicationCatalog();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(line);
            if (LineScanner.Scan(bytes) is { Kind: LineKind.Medication, Key: { } id })
            {
                catalog.Add(id, bytes);
            }
        }

        return catalog;
    }

    public void Dispose()
    {
        foreach (var document in parsed?.Values ?? Enumerable.Empty<JsonDocument>())
        {
            document.Dispose();
        }
    }
}
