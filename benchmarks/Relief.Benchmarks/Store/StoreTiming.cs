using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Relief.Core.Knowledge.Loading;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Persistence;

namespace Relief.Benchmarks.Store;

/// <summary>
/// `store-time <store> [patients] [calls]`: a quick single-process timing of the two store targets (mean per call
/// after a warm-up), for relative checks while changing the code on a busy machine. The figures for
/// docs/performance.md come from <see cref="StoredPatientBenchmarks"/> on an idle machine.
/// </summary>
public static class StoreTiming
{
    public static async Task RunAsync(string location, int patients, int calls, TextWriter log)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "knowledge");
        var knowledge = KnowledgeLoader.Load(directory).Knowledge!;
        var followUp = FollowUpKnowledgeLoader.Load(directory, knowledge).Knowledge!;
        var store = new FollowUpStore(StoreConnection.Parse(location), knowledge, followUp, SystemClock.Instance);
        var asOf = new LocalDate(2026, 11, 21);
        var next = 0;
        string Next() => SyntheticStore.PatientId(next = (next + 7919) % patients);

        // Warm up past tiered compilation: EF Core's and Microsoft.Data.Sqlite's paths are re-compiled at tier 1 after
        // 30 calls (and loops after OSR), on a background thread whose CPU would otherwise be charged to the first loop.
        for (var i = 0; i < Warmup; i++)
        {
            await store.AssessAsync(Next(), asOf, "timing");
            await store.DueTasksAsync(asOf, new PageRequest(200), "timing");
        }

        await Task.Delay(500); // let the background tier-1 compilations queued by the warm-up finish

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await store.AssessAsync(Next(), asOf, "timing");
        }

        Report(log, "assess a stored patient", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
        // The parts, each timed on its own (wall and CPU): the reads, then the in-memory work on what they read.
        var histories = new List<Relief.Store.Records.StoredHistory>(calls);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        for (var i = 0; i < calls; i++)
        {
            await using var db = store.Connection.CreateContext();
            await db.Database.OpenConnectionAsync();
            histories.Add((await Relief.Store.Records.StoredHistory.LoadForAssessmentAsync(db, Next(), default))!);
        }

        Report(log, "  load the history", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        for (var i = 0; i < calls; i++)
        {
            await using var db = store.Connection.CreateContext();
            await db.Database.OpenConnectionAsync();
            await store.AuditReadAsync(db, "timing", Next(), "Assessment", null, default);
        }

        Report(log, "  the read-audit row", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
        var records = new List<Relief.Core.Patients.PatientRecord>(calls);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        foreach (var history in histories)
        {
            records.Add(Relief.Store.Records.StoredRecordBuilder.Build(history));
        }

        Report(log, "  build the record", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
        var assessor = new Relief.Core.Assessment.Assessor(knowledge);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        foreach (var record in records)
        {
            assessor.Assess(record, asOf);
        }

        Report(log, "  the engine", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        foreach (var history in histories)
        {
            store.Assess(history, asOf);
        }

        Report(log, "  all in memory", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        for (var i = 0; i < calls; i++)
        {
            await store.DueTasksAsync(asOf, new PageRequest(200), "timing");
        }

        Report(log, "tasks due (first 200)", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
    }

    /// <summary>Warm-up calls before timing (RELIEF_TIMING_WARMUP; 150 by default, 20 before store4).</summary>
    private static int Warmup => int.TryParse(Environment.GetEnvironmentVariable("RELIEF_TIMING_WARMUP"), out var n) && n >= 0 ? n : 150;

    private static void Report(TextWriter log, string what, TimeSpan wall, TimeSpan cpu, int calls) =>
        log.WriteLine($"{what,-26} {wall.TotalMilliseconds / calls,8:0.00} ms wall/call {cpu.TotalMilliseconds / calls,8:0.00} ms CPU/call ({calls} calls)");
}
