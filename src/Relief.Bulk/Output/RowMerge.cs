using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>
/// K-way merge of row files each sorted by patient id (parts of one run, or the outputs of shards): the result is
/// sorted by patient id, each patient's rows in the engine's order. A patient lives in one file only, so the
/// merged order is the same however the population was partitioned or sharded. Memory: one row per file.
/// </summary>
public static class RowMerge
{
    public static IEnumerable<FindingRow> Merge(IReadOnlyList<string> rowFiles)
    {
        var readers = rowFiles.Select(f => RowNdjson.ReadAll(f).GetEnumerator()).ToList();
        try
        {
            var queue = new PriorityQueue<int, string>(StringComparer.Ordinal);
            for (var i = 0; i < readers.Count; i++)
            {
                if (readers[i].MoveNext())
                {
                    queue.Enqueue(i, readers[i].Current.Patient);
                }
            }

            while (queue.TryDequeue(out var index, out var patient))
            {
                var reader = readers[index];
                var more = true;
                while (more && string.Equals(reader.Current.Patient, patient, StringComparison.Ordinal))
                {
                    yield return reader.Current;
                    more = reader.MoveNext();
                }

                if (more)
                {
                    queue.Enqueue(index, reader.Current.Patient);
                }
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
