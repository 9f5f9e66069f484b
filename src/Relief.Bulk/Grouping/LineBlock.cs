using System.Buffers;

namespace Relief.Bulk.Grouping;

/// <summary>Whole lines cut from one input file, handed from the reading thread to a worker; the buffer is pooled.</summary>
internal sealed record LineBlock(byte[] Buffer, int Length, int FileIndex, long FirstLine)
{
    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
