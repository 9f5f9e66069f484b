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

        for (var i = 0; i < 20; i++)
        {
            await store.AssessAsync(Next(), asOf, "timing");
            await store.DueTasksAsync(asOf, new PageRequest(200), "timing");
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await store.AssessAsync(Next(), asOf, "timing");
        }

        Report(log, "assess a stored patient", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
        // The parts: loading the history, and the in-memory work (record, engine, pacing, trend).
        var load = TimeSpan.Zero;
        var work = TimeSpan.Zero;
        for (var i = 0; i < calls; i++)
        {
            clock.Restart();
            await using var db = store.Connection.CreateContext();
            await db.Database.OpenConnectionAsync();
            var history = await Relief.Store.Records.StoredHistory.LoadForAssessmentAsync(db, Next(), default);
            load += clock.Elapsed;
            clock.Restart();
            store.Assess(history!, asOf);
            work += clock.Elapsed;
        }

        log.WriteLine($"  of which: load {load.TotalMilliseconds / calls:0.00} ms, record + engine {work.TotalMilliseconds / calls:0.00} ms (wall, per call)");

        // The in-memory part split: the record from the history, then the engine alone.
        var assessor = new Relief.Core.Assessment.Assessor(knowledge);
        TimeSpan build = TimeSpan.Zero, engine = TimeSpan.Zero;
        for (var i = 0; i < calls; i++)
        {
            await using var db = store.Connection.CreateContext();
            await db.Database.OpenConnectionAsync();
            var history = await Relief.Store.Records.StoredHistory.LoadForAssessmentAsync(db, Next(), default);
            clock.Restart();
            var record = Relief.Store.Records.StoredRecordBuilder.Build(history!);
            build += clock.Elapsed;
            clock.Restart();
            assessor.Assess(record, asOf);
            engine += clock.Elapsed;
        }

        log.WriteLine($"  in memory: record {build.TotalMilliseconds / calls:0.00} ms, engine {engine.TotalMilliseconds / calls:0.00} ms (wall, per call)");
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        for (var i = 0; i < calls; i++)
        {
            await store.DueTasksAsync(asOf, new PageRequest(200), "timing");
        }

        Report(log, "tasks due (first 200)", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, calls);
    }

    private static void Report(TextWriter log, string what, TimeSpan wall, TimeSpan cpu, int calls) =>
        log.WriteLine($"{what,-26} {wall.TotalMilliseconds / calls,8:0.00} ms wall/call {cpu.TotalMilliseconds / calls,8:0.00} ms CPU/call ({calls} calls)");
}
