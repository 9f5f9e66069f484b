using System.Collections.Immutable;
using Relief.Core.Assessment.Findings;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// What Relief reports when a record shows a recommendation's situation: the rule id (<c>cdc-2022/rec-8-naloxone</c>),
/// its severity on the one scale, the wording, the orders it proposes and its sources. The engine decides
/// when a rule fires; everything it says comes from here.
/// </summary>
public sealed record OpioidRule(
    string Id,
    int Recommendation,
    Severity Severity,
    string Title,
    string Why,
    string Action,
    ImmutableArray<OrderProposal> Proposals,
    ImmutableArray<string> SourceIds);
