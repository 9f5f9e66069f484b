using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Fhir.CdsHooks;
using Relief.Service.CdsHooks;
using Relief.Service.CdsHooks.Cards;
using Relief.Service.Fhir;

namespace Relief.Benchmarks;

/// <summary>
/// The CDS Hooks hot path without HTTP: request bytes → checks → record → assessment → cards → response bytes,
/// for a Synthea record sent as one prefetch item (Relief's own keys null, so every template counts as answered and the record item is read for all types); and what Firely costs for the resources the service writes.
/// </summary>
[MemoryDiagnoser]
public class CdsHooksBenchmarks
{
    private static readonly LocalDate AsOf = new(2026, 11, 21);
    private byte[] _request = [];
    private Assessor _assessor = null!;
    private KnowledgeBase _knowledge = null!;
    private OrderProposal _proposal = null!;

    [Params(BenchmarkData.Typical, BenchmarkData.Largest)]
    public string Bundle { get; set; } = BenchmarkData.Typical;

    [GlobalSetup]
    public void Setup()
    {
        var bundle = File.ReadAllText(BenchmarkData.SyntheaPath(Bundle));
        using var document = JsonDocument.Parse(bundle);
        var patient = document.RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource")).First(r => r.GetProperty("resourceType").GetString() == "Patient").GetProperty("id").GetString();
        _request = Encoding.UTF8.GetBytes($$$"""
            {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","context":{"userId":"Practitioner/bench","patientId":"{{{patient}}}"},
             "prefetch":{"record":{{{bundle}}},"conditions":null,"medicationRequests":null,"medicationStatements":null,"observationsLaboratory":null,"observationsSurvey":null,"immunizations":null,"allergies":null}}
            """);
        _knowledge = BenchmarkData.LoadKnowledge();
        _assessor = new Assessor(_knowledge);
        _proposal = new OrderProposal("ServiceRequest", new Code(CodeSystems.Loinc, "1742-6"), "Alanine aminotransferase");
        if (Hook() == 0)
        {
            throw new InvalidOperationException("the request gave no response");
        }
    }

    [Benchmark(Description = "patient-view: bytes -> cards -> bytes")]
    public int Hook()
    {
        using var document = CdsRequestReader.Parse(_request, out _) ?? throw new InvalidOperationException();
        var request = CdsRequestReader.Read(document.RootElement, CdsHook.PatientView, out var error) ?? throw new InvalidOperationException(error!.Message);
        if (!PrefetchCoverage.Of(request.Prefetch, PrefetchTemplates.All).Complete)
        {
            throw new InvalidOperationException("prefetch incomplete");
        }

        var record = CdsRecordBuilder.Build(request, [], out var recordError) ?? throw new InvalidOperationException(recordError!.Message);
        var result = CdsAssessor.Assess(_assessor, record, AsOf);
        var cards = CardBuilder.Build(result, new CardContext(request, record, _knowledge, "http://127.0.0.1:5170/patients/x", null, 3));
        return JsonSerializer.SerializeToUtf8Bytes(new CdsResponse(cards), CdsJsonContext.Default.CdsResponse).Length;
    }

    [Benchmark(Description = "Firely: build + serialise a ServiceRequest")]
    public int ServiceRequest() => ServiceRequests.Build(_proposal, "p1", "Practitioner/dr", "Encounter/e1", "baseline before methotrexate").Utf8.Length;

    [Benchmark(Description = "Firely: build + serialise an OperationOutcome")]
    public int OperationOutcome() => FirelyJson.Serialize(OperationOutcomes.Build("required", "context.patientId", "context.patientId is required", "0123456789abcdef")).Length;
}
