using BenchmarkDotNet.Attributes;
using NodaTime;
using Relief.Core.Knowledge.Loading;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Persistence;

namespace Relief.Benchmarks.Store;

/// <summary>
/// The store's speed targets on a synthetic store (10,000 patients, two years of daily diary; made by
/// `store-generate`, see docs/performance.md): assessing a stored patient under 5 ms, and the tasks due across
/// all patients under 200 ms. RELIEF_BENCH_SQLITE and RELIEF_BENCH_POSTGRES name the two stores.
/// </summary>
[InProcess]
[MemoryDiagnoser]
public class StoredPatientBenchmarks
{
    private FollowUpStore _store = null!;
    private int _next;

    [Params("sqlite", "postgres")]
    public string Database { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        var location = Database == "sqlite"
            ? Environment.GetEnvironmentVariable("RELIEF_BENCH_SQLITE") ?? "/tmp/relief-bench/relief.db"
            : Environment.GetEnvironmentVariable("RELIEF_BENCH_POSTGRES") ?? throw new InvalidOperationException("set RELIEF_BENCH_POSTGRES");
        var directory = Path.Combine(AppContext.BaseDirectory, "knowledge");
        var knowledge = KnowledgeLoader.Load(directory).Knowledge!;
        var followUp = FollowUpKnowledgeLoader.Load(directory, knowledge).Knowledge!;
        _store = new FollowUpStore(StoreConnection.Parse(location), knowledge, followUp, SystemClock.Instance);
    }

    /// <summary>Loads one patient's whole history (730 diary entries, course, condition), builds the record and runs the engine.</summary>
    [Benchmark(Description = "assess a stored patient (load + assess + audit)")]
    public async Task<StoreResult<Relief.Store.Assessment.StoredAssessment>> AssessStoredPatient()
    {
        _next = (_next + 7919) % 10_000;
        return await _store.AssessAsync(SyntheticStore.PatientId(_next), new LocalDate(2026, 11, 21), "bench");
    }

    [Benchmark(Description = "tasks due across all patients (first 200)")]
    public async Task<Page<TaskView>> TasksDue() => await _store.DueTasksAsync(new LocalDate(2026, 11, 21), new PageRequest(200), "bench");
}
