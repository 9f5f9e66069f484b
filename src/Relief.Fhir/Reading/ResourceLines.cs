using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Relief.Fhir.Reading;

/// <summary>
/// NDJSON lines (one resource each: a patient's lines of a bulk export) parsed as one <see cref="JsonDocument"/>.
/// </summary>
/// <remarks>
/// A document per line costs a pooled buffer rented and returned per resource, and for the screen's small patients
/// that was as much as the parse itself. So the lines are copied into one buffer as a JSON array
/// (<c>[line0,line1,…]</c>) and parsed once. The array stands for the lines only when it has exactly one item per
/// line and each item lies within its own line's bytes (a line cannot then hold anything but JSON whitespace besides
/// its value: a stray comma would make an empty item, which JSON forbids). Otherwise (a malformed line, a line
/// nested deeper than the limit allows inside an array) each line is parsed on its own as before, so every result
/// and every <see cref="JsonException"/> is the one a per-line parse gives.
/// </remarks>
public sealed class ResourceLines : IDisposable
{
    private readonly byte[]? buffer;
    private readonly JsonDocument? array;
    private readonly JsonDocument[] documents;
    private readonly JsonElement[] resources;

    /// <param name="array">The one document of the fast path (kept apart: no array made for it), or null.</param>
    /// <param name="documents">The documents of a parse line by line, or none.</param>
    private ResourceLines(byte[]? buffer, JsonDocument? array, JsonDocument[] documents, JsonElement[] resources)
    {
        this.buffer = buffer;
        this.array = array;
        this.documents = documents;
        this.resources = resources;
    }

    /// <summary>The lines' resources (root values), in the lines' order.</summary>
    public ReadOnlySpan<JsonElement> Resources => resources;

    /// <summary>True when the lines were parsed as one document (the fast path), false when line by line.</summary>
    internal bool IsOneDocument => buffer is not null;

    /// <summary>Parses the lines; throws the <see cref="JsonException"/> of the first malformed line, as parsing each would.</summary>
    public static ResourceLines Parse(IReadOnlyList<ReadOnlyMemory<byte>> lines, JsonDocumentOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return new ResourceLines(null, null, [], []);
        }

        return AsOneArray(lines, options) ?? LineByLine(lines, options);
    }

    public void Dispose()
    {
        array?.Dispose();
        foreach (var document in documents)
        {
            document.Dispose();
        }

        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ResourceLines? AsOneArray(IReadOnlyList<ReadOnlyMemory<byte>> lines, JsonDocumentOptions options)
    {
        var length = lines.Count + 1;
        foreach (var line in lines)
        {
            length += line.Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Span<int> starts = lines.Count <= 64 ? stackalloc int[lines.Count + 1] : new int[lines.Count + 1];
        var at = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            buffer[at++] = i == 0 ? (byte)'[' : (byte)',';
            starts[i] = at;
            lines[i].Span.CopyTo(buffer.AsSpan(at));
            at += lines[i].Length;
        }

        starts[lines.Count] = at + 1;
        buffer[at++] = (byte)']';

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, at), options);
        }
        catch (JsonException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }

        var root = document.RootElement;
        if (root.GetArrayLength() == lines.Count)
        {
            var resources = new JsonElement[lines.Count];
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                // The item's bytes must lie within line `index` (which ends before the separator at starts[index + 1] - 1).
                var raw = JsonMarshal.GetRawUtf8Value(item);
                if (!buffer.AsSpan(0, at).Overlaps(raw, out var offset)
                    || offset < starts[index] || offset + raw.Length > starts[index + 1] - 1)
                {
                    break;
                }

                resources[index++] = item;
            }

            if (index == lines.Count)
            {
                return new ResourceLines(buffer, document, [], resources);
            }
        }

        document.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
        return null;
    }

    private static ResourceLines LineByLine(IReadOnlyList<ReadOnlyMemory<byte>> lines, JsonDocumentOptions options)
    {
        var documents = new JsonDocument[lines.Count];
        var parsed = 0;
        try
        {
            for (; parsed < lines.Count; parsed++)
            {
                documents[parsed] = JsonDocument.Parse(lines[parsed], options);
            }
        }
        catch (JsonException)
        {
            for (var i = 0; i < parsed; i++)
            {
                documents[i].Dispose();
            }

            throw;
        }

        var resources = new JsonElement[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            resources[i] = documents[i].RootElement;
        }

        return new ResourceLines(null, null, documents, resources);
    }
}
