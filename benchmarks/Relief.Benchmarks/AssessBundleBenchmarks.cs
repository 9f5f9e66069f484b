using BenchmarkDotNet.Attributes;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Patients;
using Relief.Fhir.Reading;

namespace Relief.Benchmarks;

/// <summary>
/// The foundation's speed targets: read + assess the largest Synthea bundle (under 10 ms), a typical 1 MB
/// bundle (under 3 ms), and the engine alone on a parsed record (under 50 µs).
/// </summary>
[MemoryDiagnoser]
public class AssessBundleBenchmarks
{
    private static readonly LocalDate AsOf = new(2026, 11, 21);
    private byte[] _bytes = [];
    private Assessor _assessor = null!;
    private PatientRecord _record = null!;

    [Params(BenchmarkData.Typical, BenchmarkData.Largest)]
    public string Bundle { get; set; } = BenchmarkData.Typical;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = File.ReadAllBytes(BenchmarkData.SyntheaPath(Bundle));
        _assessor = new Assessor(BenchmarkData.LoadKnowledge());
        _record = Alive(FhirBundleReader.Read(_bytes).Record ?? throw new InvalidOperationException("bundle did not read"));
    }

    // Both benchmark bundles are of patients Synthea records as deceased; a deceased patient gets no therapy advice
    // (the engine stops early), so the flag is cleared to keep measuring the whole engine, as before issue 6.
    private static PatientRecord Alive(PatientRecord record) => record with { Deceased = false, DeceasedOn = null };

    [Benchmark(Description = "read")]
    public PatientRecord? Read() => FhirBundleReader.Read(_bytes).Record;

    [Benchmark(Description = "read + assess")]
    public PatientAssessment ReadAndAssess() => _assessor.Assess(Alive(FhirBundleReader.Read(_bytes).Record!), AsOf);

    [Benchmark(Description = "assess (engine only)")]
    public PatientAssessment Assess() => _assessor.Assess(_record, AsOf);
}
