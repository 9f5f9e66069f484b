using System.Buffers;
using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>
/// K-way merge of row files each sorted by patient id (parts of one run, or the outputs of shards): the result is
/// sorted by patient id, each patient's rows in the engine's order. A patient lives in one file only, so the
/// merged order is the same however the population was partitioned or sharded. Memory: one buffer per file and
/// one batch.
/// </summary>
public static class RowMerge
{
    /// <summary>Rows per batch handed to the writers.</summary>
    internal const int BatchRows = 4096;

    public static IEnumerable<FindingRow> Merge(IReadOnlyList<string> rowFiles) =>
        MergeBatches(rowFiles).SelectMany(batch => batch.Rows);

    /// <summary>
    /// The merged rows in batches: the stored line bytes (copied, never re-serialised: a row file's lines are what
    /// <see cref="RowNdjson"/> writes), parsed into rows only when a batch's rows are first read.
    /// </summary>
    internal static IEnumerable<RowBatch> MergeBatches(IReadOnlyList<string> rowFiles)
    {
        var readers = new List<RowLineReader>(rowFiles.Count);
        try
        {
            readers.AddRange(rowFiles.Select(f => new RowLineReader(f)));
            var queue = new PriorityQueue<int, string>(StringComparer.Ordinal);
            for (var i = 0; i < readers.Count; i++)
            {
                if (readers[i].MoveNext())
                {
                    queue.Enqueue(i, readers[i].Patient);
                }
            }

            var lines = new ArrayBufferWriter<byte>(1 << 20);
            var rows = 0;
            while (queue.TryDequeue(out var index, out var patient))
            {
                var reader = readers[index];
                var more = true;
                while (more && string.Equals(reader.Patient, patient, StringComparison.Ordinal))
                {
                    var line = reader.Line;
                    line.CopyTo(lines.GetSpan(line.Length + 1));
                    lines.Advance(line.Length);
                    lines.Write("\n"u8);
                    rows++;
                    more = reader.MoveNext();
                }

                if (more)
                {
                    queue.Enqueue(index, reader.Patient);
                }

                // Cut batches between patients only, so a batch never ends inside a patient's rows.
                if (rows >= BatchRows)
                {
                    yield return new RowBatch(lines.WrittenSpan.ToArray(), lines.WrittenCount, rows);
                    lines.ResetWrittenCount();
                    rows = 0;
                }
            }

            if (rows > 0)
            {
                yield return new RowBatch(lines.WrittenSpan.ToArray(), lines.WrittenCount, rows);
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }
}
