using System.Text;
using System.Text.Json.Nodes;
using Relief.Bulk.Output;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>What the screen accepts: bad lines skipped and reported, empty exports, manifests.</summary>
public sealed class ScreenInputTests(SampleExport export) : IClassFixture<SampleExport>
{
    [Fact]
    public void Lines_that_are_not_utf8_are_bad_lines_with_file_and_line_and_the_run_goes_on()
    {
        using var temp = new TempDirectory();
        var directory = temp.Sub("export");
        export.Export.Write(directory);
        var conditions = Path.Combine(directory, "Condition.ndjson");
        var patient = JsonNode.Parse(export.Export.LinesByType["Patient"][0])!["id"]!.GetValue<string>();
        // One byte that is not UTF-8 in the patient reference, one after it (where the first pass stops reading).
        var referencePrefix = Encoding.UTF8.GetBytes("{\"resourceType\":\"Condition\",\"id\":\"r\",\"subject\":{\"reference\":\"Patient/");
        var textPrefix = Encoding.UTF8.GetBytes($"{{\"resourceType\":\"Condition\",\"id\":\"t\",\"subject\":{{\"reference\":\"Patient/{patient}\"}},\"note\":[{{\"text\":\"");
        var before = File.ReadAllLines(conditions).Length;
        using (var file = new FileStream(conditions, FileMode.Append))
        {
            file.Write([.. referencePrefix, 0xFF, .. "\"}}\n"u8]);
            file.Write([.. textPrefix, 0xC3, 0x28, .. "\"}]}\n"u8]);
        }

        var run = ReliefProcess.Run("screen", directory, "--out", temp.Sub("out"), "--as-of", SampleExport.AsOf);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("Unhandled", run.Error, StringComparison.Ordinal);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Sub("out"), ScreenOutputs.SummaryJson)))!;
        var bad = summary["badLines"]!.AsArray().Select(b => (Line: b!["line"]!.GetValue<long>(), Reason: b["reason"]!.GetValue<string>())).ToList();
        Assert.Equal([(before + 1L, $"not UTF-8 text at byte {referencePrefix.Length + 1}"), (before + 2L, $"not UTF-8 text at byte {textPrefix.Length + 1}")], bad);
        Assert.Equal(File.ReadAllBytes(export.BaselineRows), File.ReadAllBytes(Path.Combine(temp.Sub("out"), ScreenOutputs.Rows)));
    }

    [Fact]
    public void Bad_lines_are_counted_and_reported_with_file_and_line_and_the_run_goes_on()
    {
        using var temp = new TempDirectory();
        var directory = temp.Sub("export");
        export.Export.Write(directory);
        var conditions = Path.Combine(directory, "Condition.ndjson");
        var lines = File.ReadAllLines(conditions).ToList();
        lines.Insert(2, "{\"resourceType\":\"Condition\",\"id\":\"broken\",\"subject\":{\"reference\":\"Patient/x\"}");
        lines.Insert(5, "{\"id\":\"no-type\"}");
        lines.Insert(7, "{\"resourceType\":\"Observation\",\"id\":\"nobody\",\"status\":\"final\"}");
        lines.Insert(9, "{\"resourceType\":\"Condition\",\"id\":\"group\",\"subject\":{\"reference\":\"Group/g1\"}}");
        File.WriteAllLines(conditions, lines);

        var run = ReliefProcess.Run("screen", directory, "--out", temp.Sub("out"), "--as-of", SampleExport.AsOf);

        Assert.True(run.ExitCode == 0, run.Error);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Sub("out"), ScreenOutputs.SummaryJson)))!;
        Assert.Equal(4, summary["badLineCount"]!.GetValue<long>());
        var bad = summary["badLines"]!.AsArray().Select(b => (File: b!["file"]!.GetValue<string>(), Line: b["line"]!.GetValue<long>(), Reason: b["reason"]!.GetValue<string>())).ToList();
        Assert.All(bad, b => Assert.Equal(conditions, b.File));
        Assert.Equal([3L, 6, 8, 10], bad.Select(b => b.Line));
        Assert.StartsWith("malformed JSON", bad[0].Reason);
        Assert.Equal("no resourceType", bad[1].Reason);
        Assert.Contains("subject.reference", bad[2].Reason);
        Assert.Contains("does not name a Patient", bad[3].Reason);
        Assert.Contains($"{conditions}:3: malformed JSON", run.Error);
        Assert.Contains(conditions, File.ReadAllText(Path.Combine(temp.Sub("out"), ScreenOutputs.SummaryMarkdown)));

        // Every good line was still read: the same rows as the clean export.
        Assert.Equal(File.ReadAllBytes(export.BaselineRows), File.ReadAllBytes(Path.Combine(temp.Sub("out"), ScreenOutputs.Rows)));
    }

    [Fact]
    public void A_line_malformed_after_its_patient_costs_nothing_but_itself_whole_run_or_shards()
    {
        // The first pass reads a line only up to its patient; the damage here (the closing brace cut off) lies after
        // it, so it is found when the second pass parses the line. Every MedicationRequest is damaged: the run must
        // equal one without those lines (rows, counts, every other patient's record), plus the bad lines reported
        // where they are, and a MedicationRequest count of zero must not appear.
        using var temp = new TempDirectory();
        var requests = export.Export.LinesByType["MedicationRequest"];
        var damaged = temp.Sub("damaged");
        export.Export.Write(damaged, type => type is "Condition" or "Observation");
        var damagedFile = TestExport.WriteFile(damaged, "MedicationRequest", requests.Select(l => l[..^1]), gzip: false);
        var without = temp.Sub("without");
        export.Export.Write(without, type => type is "Condition" or "Observation");
        TestExport.WriteFile(without, "MedicationRequest", [], gzip: false);

        var runDamaged = ReliefProcess.Run("screen", damaged, "--out", temp.Sub("out-damaged"), "--as-of", SampleExport.AsOf, "--threads", "2");
        var runWithout = ReliefProcess.Run("screen", without, "--out", temp.Sub("out-without"), "--as-of", SampleExport.AsOf);

        Assert.True(runDamaged.ExitCode == 0, runDamaged.Error);
        Assert.True(runWithout.ExitCode == 0, runWithout.Error);
        foreach (var name in new[] { ScreenOutputs.Rows, ScreenOutputs.Csv, ScreenOutputs.Parquet })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Sub("out-without"), name)), File.ReadAllBytes(Path.Combine(temp.Sub("out-damaged"), name)));
        }

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Sub("out-damaged"), ScreenOutputs.SummaryJson)))!.AsObject();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Sub("out-without"), ScreenOutputs.SummaryJson)))!.AsObject();
        Assert.Equal(requests.Count, summary["badLineCount"]!.GetValue<long>());
        var bad = summary["badLines"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, requests.Count).Select(i => (long)i), bad.Select(b => b!["line"]!.GetValue<long>()));
        Assert.All(bad, b => Assert.Equal(damagedFile, b!["file"]!.GetValue<string>()));
        Assert.All(bad, b => Assert.StartsWith("malformed JSON at byte ", b!["reason"]!.GetValue<string>()));
        Assert.Contains($"{damagedFile}:1: malformed JSON", runDamaged.Error);
        Assert.False(summary["resources"]!.AsObject().ContainsKey("MedicationRequest"));
        Assert.Equal(expected["lines"]!.GetValue<long>() + requests.Count, summary["lines"]!.GetValue<long>());
        foreach (var counted in new[] { "lines", "badLineCount", "badLines" })
        {
            summary.Remove(counted);
            expected.Remove(counted);
        }

        Assert.Equal(expected.ToJsonString(), summary.ToJsonString());

        // Shards: each patient's shard finds its bad lines; merged, they are the single run's.
        var shards = Enumerable.Range(0, 3).Select(k => temp.Sub($"shard-{k}")).ToArray();
        for (var k = 0; k < shards.Length; k++)
        {
            var run = ReliefProcess.Run("screen", damaged, "--shard", $"{k}/3", "--out", shards[k], "--as-of", SampleExport.AsOf);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var merge = ReliefProcess.Run(["screen", "--merge", .. shards, "--out", temp.Sub("merged")]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        OutputComparison.AssertIdentical(temp.Sub("out-damaged"), temp.Sub("merged"));
    }

    [Fact]
    public void A_truncated_gzip_file_is_reported_and_the_other_files_are_screened()
    {
        using var temp = new TempDirectory();
        var directory = temp.Sub("export");
        export.Export.Write(directory, type => type == "Immunization");
        var immunizations = Path.Combine(directory, "Immunization.ndjson.gz");
        var bytes = File.ReadAllBytes(immunizations);
        File.WriteAllBytes(immunizations, bytes[..(bytes.Length / 2)]);

        var run = ReliefProcess.Run("screen", directory, "--out", temp.Sub("out"), "--as-of", SampleExport.AsOf);

        Assert.True(run.ExitCode == 0, run.Error);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Sub("out"), ScreenOutputs.SummaryJson)))!;
        // Where the data stops, a cut line (or the decompressor's complaint) is reported against the file.
        Assert.Equal(1, summary["badLineCount"]!.GetValue<long>());
        Assert.Equal(immunizations, summary["badLines"]![0]!["file"]!.GetValue<string>());
        Assert.Equal(export.Export.LinesByType["Patient"].Count, summary["patients"]!.GetValue<long>());
    }

    [Fact]
    public void An_export_of_empty_files_screens_no_one_and_still_writes_every_output()
    {
        using var temp = new TempDirectory();
        TestExport.WriteFile(temp.Path, "Patient", [], gzip: false);
        TestExport.WriteFile(temp.Path, "Condition", [], gzip: true);

        var run = ReliefProcess.Run("screen", temp.Path, "--out", temp.Sub("out"), "--as-of", SampleExport.AsOf);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("patient,finding,family,severity,title,codes,drug,source,facts\n", File.ReadAllText(Path.Combine(temp.Sub("out"), ScreenOutputs.Csv)));
        Assert.Equal(0, new FileInfo(Path.Combine(temp.Sub("out"), ScreenOutputs.Rows)).Length);
        Assert.Equal(0, JsonNode.Parse(File.ReadAllText(Path.Combine(temp.Sub("out"), ScreenOutputs.SummaryJson)))!["patients"]!.GetValue<long>());
        Assert.Empty(ParquetRows.Read(Path.Combine(temp.Sub("out"), ScreenOutputs.Parquet)));
    }

    [Fact]
    public void A_directory_without_ndjson_files_is_an_input_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("notes.txt"), "not an export");

        var run = ReliefProcess.Run("screen", temp.Path, "--out", temp.Sub("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no .ndjson or .ndjson.gz files", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void A_bulk_data_manifest_lists_the_files_by_relative_path_or_file_url()
    {
        using var temp = new TempDirectory();
        var directory = export.Export.Write(temp.Sub("export"), type => type == "Condition");
        var output = new JsonArray();
        foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var url = name.StartsWith('P') ? new Uri(file).AbsoluteUri : name;
            output.Add(new JsonObject { ["type"] = name.Split('.')[0], ["url"] = url });
        }

        var manifest = Path.Combine(directory, "manifest.json");
        File.WriteAllText(manifest, new JsonObject { ["transactionTime"] = "2026-11-21T00:00:00Z", ["requiresAccessToken"] = false, ["output"] = output, ["error"] = new JsonArray() }.ToJsonString());

        var fromFile = ReliefProcess.Run("screen", manifest, "--out", temp.Sub("out1"), "--as-of", SampleExport.AsOf);
        var fromUrl = ReliefProcess.Run("screen", new Uri(manifest).AbsoluteUri, "--out", temp.Sub("out2"), "--as-of", SampleExport.AsOf);

        Assert.True(fromFile.ExitCode == 0, fromFile.Error);
        Assert.True(fromUrl.ExitCode == 0, fromUrl.Error);
        Assert.Equal(File.ReadAllBytes(export.BaselineRows), File.ReadAllBytes(Path.Combine(temp.Sub("out1"), ScreenOutputs.Rows)));
        OutputComparison.AssertIdentical(temp.Sub("out1"), temp.Sub("out2"));
    }
}
