using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// The CDC 2022 opioid guideline as data (knowledge/opioids/): recommendations, rules, windows, exclusions,
/// value sets, medication groups and urine drug test analytes, validated on load. A knowledge directory
/// without an opioids/ folder loads with <see cref="None"/>, and the opioid review then reports nothing.
/// </summary>
public sealed class OpioidKnowledge
{
    public static readonly OpioidKnowledge None = new(
        null,
        FrozenDictionary<int, OpioidRecommendation>.Empty,
        FrozenDictionary<string, OpioidRule>.Empty,
        null,
        [],
        FrozenDictionary<string, ValueSet>.Empty,
        FrozenDictionary<string, MedicationGroup>.Empty,
        [],
        []);

    internal OpioidKnowledge(
        string? guidelineSourceId,
        FrozenDictionary<int, OpioidRecommendation> recommendations,
        FrozenDictionary<string, OpioidRule> rules,
        OpioidWindows? windows,
        ImmutableArray<OpioidExclusion> exclusions,
        FrozenDictionary<string, ValueSet> valueSets,
        FrozenDictionary<string, MedicationGroup> medications,
        ImmutableArray<ValueSet> urineTests,
        ImmutableArray<UrineScreen> urineScreens)
    {
        GuidelineSourceId = guidelineSourceId;
        Recommendations = recommendations;
        Rules = rules;
        Windows = windows;
        Exclusions = exclusions;
        ValueSets = valueSets;
        Medications = medications;
        UrineTests = urineTests;
        UrineScreens = urineScreens;
    }

    /// <summary>True when the folder was present and valid: the opioid review runs only then.</summary>
    public bool IsEnabled => Windows is not null;

    public string? GuidelineSourceId { get; }

    public FrozenDictionary<int, OpioidRecommendation> Recommendations { get; }

    public FrozenDictionary<string, OpioidRule> Rules { get; }

    public OpioidWindows? Windows { get; }

    public ImmutableArray<OpioidExclusion> Exclusions { get; }

    public FrozenDictionary<string, ValueSet> ValueSets { get; }

    public FrozenDictionary<string, MedicationGroup> Medications { get; }

    /// <summary>Value sets whose results count as a urine drug test, whatever the analyte.</summary>
    public ImmutableArray<ValueSet> UrineTests { get; }

    public ImmutableArray<UrineScreen> UrineScreens { get; }

    /// <summary>Lower-case words a positive text result starts with ("pos", "detected").</summary>
    public ImmutableArray<string> PositiveWords { get; internal init; } = [];

    /// <summary>Observation.interpretation codes that mean positive (POS).</summary>
    public FrozenSet<Relief.Core.Codes.Code> PositiveInterpretations { get; internal init; } = FrozenSet<Relief.Core.Codes.Code>.Empty;

    /// <summary>Observation.interpretation codes that mean negative (NEG).</summary>
    public FrozenSet<Relief.Core.Codes.Code> NegativeInterpretations { get; internal init; } = FrozenSet<Relief.Core.Codes.Code>.Empty;

    /// <summary>Lower-case words a negative text result starts with ("neg", "not detected").</summary>
    public ImmutableArray<string> NegativeWords { get; internal init; } = [];
}
