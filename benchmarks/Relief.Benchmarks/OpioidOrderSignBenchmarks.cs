using BenchmarkDotNet.Attributes;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Fhir.CdsHooks;
using Relief.Service.CdsHooks.Cards;
using Relief.Tests.Opioids;

namespace Relief.Benchmarks;

/// <summary>
/// A reference order-sign request of the CDC opioid CDS examples (issue 11: under 10 ms end to end; the reference
/// CQL service takes hundreds of milliseconds): request bytes parsed and checked, the record built from prefetch
/// and draft orders, the whole assessment (evidence, safety, monitoring, opioid review) and the cards. HTTP,
/// authentication and writing the response are not included (docs/performance.md gives the whole-request figures).
/// </summary>
[MemoryDiagnoser]
public class OpioidOrderSignBenchmarks
{
    private static readonly LocalDate AsOf = new(2023, 5, 1);
    private byte[] _request = [];
    private Assessor _assessor = null!;
    private Relief.Core.Knowledge.KnowledgeBase _knowledge = null!;

    [Params("OpioidCDSREC10OrderSign/request-example-rec-10-order-sign-illicit-drugs.json", "OpioidCDSREC08OrderSign/request-example-rec-08-order-sign-mme-greater-than-fifty.json")]
    public string Request { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _request = ReferenceRequests.Rebuild(File.ReadAllBytes(Path.Combine(ReferenceRequests.Folder, "requests", Request)));
        _knowledge = BenchmarkData.LoadKnowledge();
        _assessor = new Assessor(_knowledge);
        if (Answer() == 0)
        {
            throw new InvalidOperationException("the request produced no cards");
        }
    }

    [Benchmark(Description = "order-sign: parse + record + assess + cards")]
    public int Answer()
    {
        using var document = CdsRequestReader.Parse(_request, out _) ?? throw new InvalidOperationException("parse");
        var request = CdsRequestReader.Read(document.RootElement, CdsHook.OrderSign, out _) ?? throw new InvalidOperationException("read");
        var record = CdsRecordBuilder.Build(request, [], out _) ?? throw new InvalidOperationException("record");
        var result = CdsAssessor.Assess(_assessor, record, AsOf);
        return CardBuilder.Build(result, new CardContext(request, record, _knowledge, "https://relief.example/assessments", null, 3)).Count;
    }
}
