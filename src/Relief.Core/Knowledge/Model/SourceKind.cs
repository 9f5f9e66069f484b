namespace Relief.Core.Knowledge.Model;

/// <summary>What a source is (sources.yaml <c>kind</c>, kebab-case): a closed vocabulary, checked on load.</summary>
public enum SourceKind
{
    Guideline,
    SystematicReview,
    Trial,
    Label,
    Consensus,

    /// <summary>A code system (LOINC, CVX, UCUM): says what a code means, never the reason for advice.</summary>
    Terminology,
    Review,
    Regulator,
}
