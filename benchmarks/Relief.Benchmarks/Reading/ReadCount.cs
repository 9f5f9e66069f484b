using System.Globalization;
using System.Text.Json;
using Relief.Fhir.Reading;

namespace Relief.Benchmarks.Reading;

/// <summary>
/// `read-count`: the FHIR reader alone, a fixed number of times, printing time and bytes allocated per read
/// (allocations barely vary: a check that holds on a busy machine). A directory is a bulk export (NDJSON per
/// type, as `relief screen` reads it): its lines are grouped by patient and each patient read as the screen
/// reads one (lines parsed, then <see cref="PatientRecordReader.FromResources"/>); a file is a Bundle, read whole.
/// </summary>
internal static class ReadCount
{
    public static void Run(string input, int total, TextWriter output)
    {
        Func<int, FhirReadResult> read;
        string what;
        if (Directory.Exists(input))
        {
            var patients = GroupByPatient(input, Math.Min(total, 10_000));
            read = i => ReadPatient(patients[i % patients.Count]);
            what = $"{patients.Count} patient(s) of {input}";
        }
        else
        {
            var bytes = File.ReadAllBytes(File.Exists(input) ? input : BenchmarkData.SyntheaPath(input));
            read = _ => FhirBundleReader.Read(bytes);
            what = $"{Path.GetFileName(input)} ({bytes.Length / 1024} KB)";
        }

        var warnings = 0;
        for (var i = 0; i < Math.Min(total, 2000); i++)
        {
            warnings += read(i).Warnings.Length;
        }

        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            read(i);
        }

        clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        // CPU time (the process's, GC included) is the figure that holds on a busy machine; wall time does not.
        output.WriteLine(FormattableString.Invariant(
            $"{total} reads of {what}: {clock.Elapsed.TotalMicroseconds / total:F2} us wall, {cpu.TotalMicroseconds / total:F2} us CPU and {(double)allocated / total:F0} bytes per read"));
    }

    /// <summary>One patient's lines to a record, as the screen's PatientScreener does it.</summary>
    private static FhirReadResult ReadPatient((string Id, ReadOnlyMemory<byte>[] Lines) patient)
    {
        using var lines = ResourceLines.Parse(patient.Lines);
        return PatientRecordReader.FromResources(lines.Resources.ToArray(), patient.Id);
    }

    /// <summary>The first <paramref name="limit"/> patients' lines, by the Patient's id or the resource's subject/patient reference.</summary>
    private static List<(string Id, ReadOnlyMemory<byte>[] Lines)> GroupByPatient(string directory, int limit)
    {
        var byPatient = new SortedDictionary<string, List<byte[]>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "*.ndjson").Order(StringComparer.Ordinal))
        {
            foreach (var text in File.ReadLines(file))
            {
                var line = System.Text.Encoding.UTF8.GetBytes(text);
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (!root.TryGetProperty("resourceType", out var type))
                {
                    continue;
                }

                var id = type.ValueEquals("Patient") ? root.GetProperty("id").GetString()
                    : root.TryGetProperty("subject", out var subject) || root.TryGetProperty("patient", out subject)
                        ? subject.GetProperty("reference").GetString()!.Replace("Patient/", "", StringComparison.Ordinal)
                        : null;
                if (id is not null && (byPatient.ContainsKey(id) || byPatient.Count < limit))
                {
                    if (!byPatient.TryGetValue(id, out var lines))
                    {
                        byPatient[id] = lines = [];
                    }

                    lines.Add(line);
                }
            }
        }

        return [.. byPatient.Select(pair => (pair.Key, pair.Value.Select(line => new ReadOnlyMemory<byte>(line)).ToArray()))];
    }
}
