using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Relief.Bulk.Grouping;

/// <summary>
/// One line in a spill file: <c>[int32 id length][patient id, UTF-8][int32 line length][the NDJSON line]</c>,
/// little-endian. Binary, so the second pass finds each patient's lines without parsing JSON.
/// </summary>
internal static class SpillRecord
{
    public static void Write(IBufferWriter<byte> into, string patientId, ReadOnlySpan<byte> line)
    {
        var idLength = Encoding.UTF8.GetByteCount(patientId);
        var span = into.GetSpan(8 + idLength + line.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, idLength);
        Encoding.UTF8.GetBytes(patientId, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(4 + idLength)..], line.Length);
        line.CopyTo(span[(8 + idLength)..]);
        into.Advance(8 + idLength + line.Length);
    }

    /// <summary>Reads the record at <paramref name="offset"/>, returning the offset of the next one.</summary>
    public static int Read(ReadOnlySpan<byte> data, int offset, out Range id, out Range line)
    {
        var idLength = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        id = new Range(offset + 4, offset + 4 + idLength);
        var lineStart = offset + 8 + idLength;
        var lineLength = BinaryPrimitives.ReadInt32LittleEndian(data[(offset + 4 + idLength)..]);
        line = new Range(lineStart, lineStart + lineLength);
        return lineStart + lineLength;
    }
}
