using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// Patients the guideline does not apply to (end of life, hospice, palliative care, active cancer, sickle cell
/// disease), recognised by the value sets their conditions, procedures, observations, encounters or orders are coded in
/// (knowledge/opioids/guideline.yaml, <c>exclusions:</c>; docs/opioid-review.md says how each is read).
/// </summary>
public sealed record OpioidExclusion(
    string Id,
    string Name,
    ImmutableArray<ValueSet> Conditions,
    ImmutableArray<ValueSet> Procedures,
    ImmutableArray<ValueSet> Observations,
    ImmutableArray<string> SourceIds)
{
    /// <summary>Encounters whose hospitalization.dischargeDisposition is in these sets (discharged to hospice).</summary>
    public ImmutableArray<ValueSet> EncounterDispositions { get; init; } = [];

    /// <summary>Encounters whose type is in these sets (a palliative care encounter).</summary>
    public ImmutableArray<ValueSet> EncounterTypes { get; init; } = [];

    /// <summary>Active or completed ServiceRequests coded in these sets (palliative or hospice care ordered).</summary>
    public ImmutableArray<ValueSet> ServiceRequests { get; init; } = [];

    /// <summary>
    /// Encounter diagnoses (Condition category encounter-diagnosis, linked to its Encounter) in these sets: the
    /// exclusion holds when at least <see cref="MinEncounters"/> distinct encounters in the look-back carry one. Such
    /// diagnoses then count only this way, not through <see cref="Conditions"/> (one visit is not active treatment).
    /// </summary>
    public ImmutableArray<ValueSet> EncounterDiagnoses { get; init; } = [];

    public int MinEncounters { get; init; } = 1;

    /// <summary>How far back encounters and orders count (days and months add up); null: any time.</summary>
    public int? LookbackDays { get; init; }

    public int? LookbackMonths { get; init; }
}
