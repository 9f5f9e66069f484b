using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;

namespace Relief.Core.Assessment.Findings;

/// <summary>The projected findings and each family's detail records, all in <see cref="FindingOrder"/>.</summary>
public sealed record ProjectedFindings(
    ImmutableArray<Finding> Findings,
    SafetyReport Safety,
    ImmutableArray<MonitoringFinding> Monitoring,
    ImmutableArray<ResponseFinding> Response,
    ImmutableArray<DataQualityNote> DataQuality);
