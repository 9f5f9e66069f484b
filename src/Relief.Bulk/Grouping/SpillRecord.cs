using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Relief.Bulk.Grouping;

/// <summary>
/// One line in a spill file: <c>[int32 id length][patient id, UTF-8][int32 file][int64 line number][int32 line
/// length][the NDJSON line]</c>, little-endian. Binary, so the second pass finds each patient's lines without
/// parsing JSON; the line's origin lets the second pass report a line that turns out malformed where it was.
/// </summary>
internal static class SpillRecord
{
    private const int OriginBytes = 12;

    public static void Write(IBufferWriter<byte> into, string patientId, LineOrigin origin, ReadOnlySpan<byte> line)
    {
        var idLength = Encoding.UTF8.GetByteCount(patientId);
        var size = 8 + OriginBytes + idLength + line.Length;
        var span = into.GetSpan(size);
        BinaryPrimitives.WriteInt32LittleEndian(span, idLength);
        Encoding.UTF8.GetBytes(patientId, span[4..]);
        var rest = span[(4 + idLength)..];
        BinaryPrimitives.WriteInt32LittleEndian(rest, origin.File);
        BinaryPrimitives.WriteInt64LittleEndian(rest[4..], origin.Line);
        BinaryPrimitives.WriteInt32LittleEndian(rest[OriginBytes..], line.Length);
        line.CopyTo(rest[(OriginBytes + 4)..]);
        into.Advance(size);
    }

    /// <summary>Reads the record at <paramref name="offset"/>, returning the offset of the next one.</summary>
    public static int Read(ReadOnlySpan<byte> data, int offset, out Range id, out LineOrigin origin, out Range line)
    {
        var idLength = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        id = new Range(offset + 4, offset + 4 + idLength);
        var rest = data[(offset + 4 + idLength)..];
        origin = new LineOrigin(BinaryPrimitives.ReadInt32LittleEndian(rest), BinaryPrimitives.ReadInt64LittleEndian(rest[4..]));
        var lineLength = BinaryPrimitives.ReadInt32LittleEndian(rest[OriginBytes..]);
        var lineStart = offset + 8 + OriginBytes + idLength;
        line = new Range(lineStart, lineStart + lineLength);
        return lineStart + lineLength;
    }
}
