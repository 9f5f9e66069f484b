using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// A kind of medication the opioid rules look for (opioid analgesics, ER/LA opioids, benzodiazepines, naloxone,
/// medications for opioid use disorder): a product is in the group when one of its codes is in the value sets,
/// or when one of its ingredients is a listed drug or belongs to a listed class of drugs.yaml, or (for ER/LA) when
/// its name carries a release marker. <see cref="SingleIngredient"/> keeps combinations out (buprenorphine/naloxone
/// is not rescue naloxone).
/// </summary>
public sealed record MedicationGroup
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required ImmutableArray<ValueSet> ValueSets { get; init; }

    public required ImmutableArray<string> DrugClasses { get; init; }

    public required ImmutableArray<string> Drugs { get; init; }

    public required ImmutableArray<string> NameMarkers { get; init; }

    public required bool SingleIngredient { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}
