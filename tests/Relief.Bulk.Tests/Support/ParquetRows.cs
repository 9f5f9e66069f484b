using Parquet;
using Relief.Bulk.Screening;

namespace Relief.Bulk.Tests.Support;

/// <summary>Reads findings.parquet back with Parquet.Net's reader, column by column, into rows.</summary>
internal static class ParquetRows
{
    public static List<FindingRow> Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    private static async Task<List<FindingRow>> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Equal(FindingRow.Columns, reader.Schema.DataFields.Select(f => f.Name));
        var rows = new List<FindingRow>();
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var groupReader = reader.OpenRowGroupReader(group);
            var columns = new List<string[]>();
            foreach (var field in reader.Schema.DataFields)
            {
                var values = new string?[groupReader.RowCount];
                await groupReader.ReadAsync(field, values.AsMemory(), null);
                columns.Add([.. values.Select(v => v ?? "")]);
            }

            for (var i = 0; i < columns[0].Length; i++)
            {
                rows.Add(new FindingRow
                {
                    Patient = columns[0][i],
                    Finding = columns[1][i],
                    Family = columns[2][i],
                    Severity = columns[3][i],
                    Title = columns[4][i],
                    Codes = columns[5][i],
                    Drug = columns[6][i],
                    Source = columns[7][i],
                    Facts = columns[8][i],
                });
            }
        }

        return rows;
    }
}
