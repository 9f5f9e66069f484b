using BenchmarkDotNet.Attributes;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Patients;
using Relief.Fhir.Reading;

namespace Relief.Benchmarks;

/// <summary>
/// The evidence engine on records with in-scope conditions (the Synthea bundles above have few): a fibromyalgia
/// patient on prednisone and ibuprofen (member and class rows, members listed because the patient takes them), and an
/// older adult whose chronic pain code is set aside beside neuropathic pain, on four pain drugs.
/// </summary>
[MemoryDiagnoser]
public class EvidenceBenchmarks
{
    private static readonly LocalDate AsOf = new(2026, 11, 21);
    private Assessor _assessor = null!;
    private PatientRecord _record = null!;

    [Params("fibromyalgia-long-term-prednisone.json", "older-adult-opioid-benzo-gabapentinoid.json")]
    public string Sample { get; set; } = "fibromyalgia-long-term-prednisone.json";

    [GlobalSetup]
    public void Setup()
    {
        _record = FhirBundleReader.Read(File.ReadAllBytes(BenchmarkData.SamplePath(Sample))).Record!;
        _assessor = new Assessor(BenchmarkData.LoadKnowledge());
    }

    [Benchmark(Description = "assess sample (engine only)")]
    public PatientAssessment AssessSample() => _assessor.Assess(_record, AsOf);
}
