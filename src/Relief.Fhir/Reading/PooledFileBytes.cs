using System.Buffers;

namespace Relief.Fhir.Reading;

/// <summary>
/// A file's bytes in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; <see cref="Dispose"/> hands it back,
/// so nothing may keep <see cref="Memory"/> (or a <c>JsonDocument</c> over it) past that.
/// </summary>
/// <remarks>
/// Why: a batch of Synthea bundles (1-4 MB each) read with <see cref="File.ReadAllBytes"/> allocated a fresh
/// large-object array per file, and the kernel's copy into that new memory (a page fault per page) took about a
/// tenth of the CPU of `relief assess` on 80 files; into a reused buffer the copy costs about half that. Bytes and
/// errors are those of <see cref="File.ReadAllBytes"/>: what has no length to rent for (a pipe; /proc files report 0)
/// is read to its end into an ordinary array, and a file too long for one array gets its error.
/// </remarks>
internal sealed class PooledFileBytes : IDisposable
{
    private byte[]? rented;

    private PooledFileBytes(byte[] buffer, int length, bool pooled)
    {
        rented = pooled ? buffer : null;
        Memory = buffer.AsMemory(0, length);
    }

    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>Reads the whole file; throws what <see cref="File.ReadAllBytes"/> throws (IOException, UnauthorizedAccessException...).</summary>
    public static PooledFileBytes Read(string path)
    {
        // Unbuffered: reads go straight from the page cache into the buffer.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var length = stream.CanSeek ? stream.Length : 0;
        if (length == 0)
        {
            // No length to rent for (a pipe, a /proc file): read to the end, as File.ReadAllBytes does.
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return new PooledFileBytes(copy.GetBuffer(), (int)copy.Length, pooled: false);
        }

        if (length > Array.MaxLength)
        {
            // Its error ("limited to supporting files less than 2 gigabytes").
            var tooLong = File.ReadAllBytes(path);
            return new PooledFileBytes(tooLong, tooLong.Length, pooled: false);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            // A file that shrank after its length was taken throws EndOfStreamException, as with File.ReadAllBytes.
            stream.ReadExactly(buffer, 0, (int)length);
            return new PooledFileBytes(buffer, (int)length, pooled: true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref rented, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
