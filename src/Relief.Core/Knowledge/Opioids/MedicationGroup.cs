using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// A kind of medication the opioid rules look for (opioid analgesics, ER/LA opioids, benzodiazepines, naloxone,
/// medications for opioid use disorder): a product is in the group when one of its codes is in the value sets,
/// or when one of its ingredients is a listed drug or belongs to a listed class of drugs.yaml, or (for ER/LA) when
/// its name carries a release marker. <see cref="SingleIngredient"/> keeps combinations out (buprenorphine/naloxone
/// is not rescue naloxone).
/// </summary>
public sealed record MedicationGroup(
    string Id,
    string Name,
    ImmutableArray<ValueSet> ValueSets,
    ImmutableArray<string> DrugClasses,
    ImmutableArray<string> Drugs,
    ImmutableArray<string> NameMarkers,
    bool SingleIngredient,
    ImmutableArray<string> SourceIds);
