using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// Patients the guideline does not apply to (end of life, active cancer, sickle cell disease), recognised by
/// the value sets their conditions, procedures or observations are coded in.
/// </summary>
public sealed record OpioidExclusion(
    string Id,
    string Name,
    ImmutableArray<ValueSet> Conditions,
    ImmutableArray<ValueSet> Procedures,
    ImmutableArray<ValueSet> Observations,
    ImmutableArray<string> SourceIds);
