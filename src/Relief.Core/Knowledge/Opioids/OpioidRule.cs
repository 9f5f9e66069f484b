using System.Collections.Immutable;
using Relief.Core.Assessment.Findings;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// What Relief reports when a record shows a recommendation's situation: the rule id (<c>cdc-2022/rec-8-naloxone</c>),
/// its severity on the one scale, the wording, the orders it proposes and its sources. The engine decides
/// when a rule fires; everything it says comes from here.
/// </summary>
public sealed record OpioidRule
{
    public required string Id { get; init; }

    public required int Recommendation { get; init; }

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    public required string Why { get; init; }

    public required string Action { get; init; }

    public required ImmutableArray<OrderProposal> Proposals { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}
