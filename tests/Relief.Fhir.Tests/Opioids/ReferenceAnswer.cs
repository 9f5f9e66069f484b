using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Loading;
using Relief.Fhir.CdsHooks;
using Relief.Fhir.Tests.Support;

using Relief.Tests.Opioids;

namespace Relief.Fhir.Tests.Opioids;

/// <summary>Relief's answer to one example request: the opioid findings, or the 4xx the reader gave.</summary>
internal sealed record ReferenceAnswer(ImmutableArray<Finding> Findings, CdsRequestError? Error, bool Rebuilt)
{
    private static readonly Lazy<KnowledgeBase> LazyKnowledge = new(() =>
        KnowledgeLoader.Load(Path.Combine(RepositoryPaths.Root, "knowledge")).Knowledge ?? throw new InvalidOperationException("knowledge/ does not load"));

    private static readonly Lazy<Assessor> LazyAssessor = new(() => new Assessor(LazyKnowledge.Value));

    public static KnowledgeBase Knowledge => LazyKnowledge.Value;

    /// <summary>The opioid findings Relief stands behind (not the ones saying what it could not check).</summary>
    public ImmutableArray<Finding> Opioid => [.. Findings.Where(f => f.Family == FindingFamily.Opioid && !f.Unchecked)];

    public bool HasRecommendation(int number) =>
        Opioid.Any(f => Knowledge.Opioids.Rules[f.RuleId].Recommendation == number);

    /// <summary>Reads the file with Relief's CDS Hooks reader (rebuilding it first when it is not JSON) and assesses it.</summary>
    public static ReferenceAnswer For(string requestFile)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ReferenceRequests.Folder, "requests", requestFile));
        var rebuilt = !ReferenceRequests.IsJson(bytes);
        if (rebuilt)
        {
            bytes = ReferenceRequests.Rebuild(bytes);
        }

        var asOf = ReferenceRequests.AsOf(bytes) ?? new LocalDate(2023, 5, 1);
        using var document = CdsRequestReader.Parse(bytes, out var parseError);
        if (document is null)
        {
            return new ReferenceAnswer([], parseError, rebuilt);
        }

        var request = CdsRequestReader.Read(document.RootElement, null, out var readError);
        if (request is null)
        {
            return new ReferenceAnswer([], readError, rebuilt);
        }

        var record = CdsRecordBuilder.Build(request, [], out var buildError);
        if (record is null)
        {
            return new ReferenceAnswer([], buildError, rebuilt);
        }

        var assessment = CdsAssessor.Assess(LazyAssessor.Value, record, asOf);
        return new ReferenceAnswer(assessment.Assessment.Findings, null, rebuilt);
    }
}
