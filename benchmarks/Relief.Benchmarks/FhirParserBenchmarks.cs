using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Serialization;
using Relief.Core.Patients;
using Relief.Fhir.Reading;
using FhirBundle = Hl7.Fhir.Model.Bundle;

namespace Relief.Benchmarks;

/// <summary>
/// docs/arch/0002: Relief's hand-written reader against the Firely SDK's System.Text.Json deserializer
/// (Hl7.Fhir.R4 6.8.0, recoverable mode) on the same bytes. Relief's figure includes building the
/// PatientRecord; Firely's only the POCO bundle, before any fact is extracted from it.
/// </summary>
[MemoryDiagnoser]
public class FhirParserBenchmarks
{
    private static readonly FhirJsonDeserializer Firely = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));
    private byte[] _bytes = [];

    [Params(BenchmarkData.Typical, BenchmarkData.Largest)]
    public string Bundle { get; set; } = BenchmarkData.Largest;

    [GlobalSetup]
    public void Setup() => _bytes = File.ReadAllBytes(BenchmarkData.SyntheaPath(Bundle));

    [Benchmark(Baseline = true, Description = "Relief reader: bytes -> PatientRecord")]
    public PatientRecord? Relief() => FhirBundleReader.Read(_bytes).Record;

    [Benchmark(Description = "Firely FhirJsonDeserializer: bytes -> Bundle POCO")]
    public FhirBundle FirelyBundle()
    {
        var reader = new Utf8JsonReader(_bytes);
        try
        {
            return Firely.Deserialize<FhirBundle>(ref reader);
        }
        catch (DeserializationFailedException e) when (e.PartialResult is FhirBundle partial)
        {
            return partial;
        }
    }

    [Benchmark(Description = "JsonDocument.Parse (the floor)")]
    public int JsonDocumentOnly()
    {
        using var document = JsonDocument.Parse(_bytes);
        return document.RootElement.GetProperty("entry").GetArrayLength();
    }
}
