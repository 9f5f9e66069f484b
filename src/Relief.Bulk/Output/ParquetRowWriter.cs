using Parquet;
using Parquet.Schema;
using Relief.Bulk.Screening;

namespace Relief.Bulk.Output;

/// <summary>
/// findings.parquet with Parquet.Net: one string column per row field, Snappy-compressed, written a row group at
/// a time (<see cref="RowGroupSize"/> rows) so memory stays bounded however many rows there are.
/// </summary>
public sealed class ParquetRowWriter : IAsyncDisposable
{
    public const int RowGroupSize = 100_000;

    private static readonly ParquetSchema Schema = new(FindingRow.Columns.Select(c => (Field)new DataField<string>(c)).ToArray());

    private readonly ParquetWriter writer;
    private readonly List<string>[] columns;

    private ParquetRowWriter(ParquetWriter writer)
    {
        this.writer = writer;
        columns = [.. FindingRow.Columns.Select(_ => new List<string>(RowGroupSize))];
    }

    public static async Task<ParquetRowWriter> CreateAsync(Stream stream, CancellationToken cancellation = default)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        return new ParquetRowWriter(await ParquetWriter.CreateAsync(Schema, stream, options, append: false, cancellation).ConfigureAwait(false));
    }

    public async ValueTask WriteAsync(FindingRow row)
    {
        for (var column = 0; column < columns.Length; column++)
        {
            columns[column].Add(row[column]);
        }

        if (columns[0].Count >= RowGroupSize)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushAsync()
    {
        if (columns[0].Count == 0)
        {
            return;
        }

        using var group = writer.CreateRowGroup();
        for (var column = 0; column < columns.Length; column++)
        {
            await group.WriteAsync(Schema.DataFields[column], columns[column]).ConfigureAwait(false);
            columns[column].Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        await writer.DisposeAsync().ConfigureAwait(false);
    }
}
