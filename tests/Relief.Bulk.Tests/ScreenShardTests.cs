using System.Text;
using System.Text.Json.Nodes;
using Relief.Bulk.Output;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>
/// The cluster interface: <c>--shard K/N</c> never splits a patient and the shards add up to the whole;
/// <c>--merge</c> of shard outputs equals the single run; <c>--stdin</c>/<c>--stdout</c> over patient-grouped NDJSON.
/// </summary>
public sealed class ScreenShardTests(SampleExport export) : IClassFixture<SampleExport>
{
    [Fact]
    public void Shards_hold_disjoint_patients_whose_union_is_the_whole_and_merge_to_the_single_run()
    {
        using var temp = new TempDirectory();
        const int count = 3;
        var shards = Enumerable.Range(0, count).Select(k => temp.Sub($"shard-{k}")).ToList();
        for (var k = 0; k < count; k++)
        {
            var run = ReliefProcess.Run("screen", export.Directory, "--shard", $"{k}/{count}", "--out", shards[k], "--as-of", SampleExport.AsOf);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var patientsPerShard = shards.Select(s => RowNdjson.ReadAll(Path.Combine(s, ScreenOutputs.Rows)).Select(r => r.Patient).ToHashSet()).ToList();
        var screenedPerShard = shards.Select(s => JsonNode.Parse(File.ReadAllText(Path.Combine(s, ScreenOutputs.SummaryJson)))!["patients"]!.GetValue<long>()).ToList();
        var wholePatients = RowNdjson.ReadAll(export.BaselineRows).Select(r => r.Patient).ToHashSet();

        // No patient in two shards; together they are everyone, and every shard got some.
        for (var a = 0; a < count; a++)
        {
            for (var b = a + 1; b < count; b++)
            {
                Assert.Empty(patientsPerShard[a].Intersect(patientsPerShard[b]));
            }
        }

        Assert.Equal(wholePatients.Order(StringComparer.Ordinal), patientsPerShard.SelectMany(p => p).Order(StringComparer.Ordinal));
        Assert.All(screenedPerShard, n => Assert.True(n > 0));
        Assert.Equal(export.Export.LinesByType["Patient"].Count, screenedPerShard.Sum());

        var merge = ReliefProcess.Run(["screen", "--merge", .. shards.AsEnumerable().Reverse(), "--out", temp.Sub("merged")]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        OutputComparison.AssertIdentical(export.Baseline, temp.Sub("merged"));
    }

    [Fact]
    public void Patient_grouped_lines_on_stdin_give_the_export_rows_on_stdout()
    {
        // One line per patient: a collection Bundle of all the patient's resources, the framing a Spark or Dask job builds.
        var grouped = new StringBuilder();
        var medications = new List<string>();
        foreach (var patient in export.Export.LinesByType.Values.SelectMany(l => l).GroupBy(TestExport.PatientOf).OrderByDescending(g => g.Key))
        {
            if (patient.Key is null)
            {
                continue;
            }

            var bundle = new JsonObject
            {
                ["resourceType"] = "Bundle",
                ["type"] = "collection",
                ["entry"] = new JsonArray([.. patient.Select(line => (JsonNode)new JsonObject { ["resource"] = JsonNode.Parse(line) })]),
            };
            grouped.Append(bundle.ToJsonString()).Append('\n');
        }

        var run = ReliefProcess.RunWith(grouped.ToString(), null, "screen", "--stdin", "--stdout", "--as-of", SampleExport.AsOf);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(File.ReadAllText(export.BaselineRows), run.Output);
    }

    [Fact]
    public void A_stdin_line_that_is_not_a_bundle_is_a_bad_line_and_the_rest_is_screened()
    {
        using var temp = new TempDirectory();
        var patient = export.Export.LinesByType["Patient"][0];
        var input = "{\"resourceType\":\"Patient\"}\nnot json\n" + $"{{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{{\"resource\":{patient}}}]}}\n";

        var run = ReliefProcess.RunWith(input, null, "screen", "--stdin", "--out", temp.Path, "--as-of", SampleExport.AsOf);

        Assert.True(run.ExitCode == 0, run.Error);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Path, ScreenOutputs.SummaryJson)))!;
        Assert.Equal(1, summary["patients"]!.GetValue<long>());
        Assert.Equal([1L, 2L], summary["badLines"]!.AsArray().Select(b => b!["line"]!.GetValue<long>()));
        Assert.All(summary["badLines"]!.AsArray(), b => Assert.Equal("<stdin>", b!["file"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1")]
    [InlineData("-1/2")]
    public void A_shard_outside_its_range_is_an_input_error(string shard)
    {
        var run = ReliefProcess.Run("screen", export.Directory, "--shard", shard, "--stdout");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--shard", run.Error);
    }
}
