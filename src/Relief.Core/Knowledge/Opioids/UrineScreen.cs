using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// One analyte (or analyte group) of a urine drug test, by the LOINC value sets of its tests: an illicit drug
/// (cocaine, PCP, heroin) or an opioid that the listed prescribed ingredients explain.
/// </summary>
public sealed record UrineScreen(
    string Id,
    string Name,
    ImmutableArray<ValueSet> ValueSets,
    UrineScreenKind Kind,
    ImmutableArray<string> ExplainedBy,
    ImmutableArray<string> SourceIds);

public enum UrineScreenKind
{
    /// <summary>Never prescribed: any positive result is unexpected.</summary>
    Illicit,

    /// <summary>An opioid: expected when one of its explaining ingredients is prescribed.</summary>
    Opioid,

    /// <summary>Not prescribed and not illicit everywhere (cannabinoids): a positive result is information.</summary>
    Nonprescribed,
}
