namespace Relief.Core.Assessment.Findings;

/// <summary>
/// The one severity scale every finding carries, whatever family produced it, so that a CDS Hooks
/// indicator, a worklist, a screening report and the CLI triage the same way. Ordered least to most
/// severe: comparisons read naturally (<c>severity &gt;= Severity.Major</c>). Wire names are kebab-case
/// (<c>info</c>, <c>moderate</c>, <c>major</c>, <c>contraindicated</c>); docs/severity.md gives the mapping
/// from each family's own vocabulary.
/// </summary>
public enum Severity
{
    /// <summary>Worth knowing; no action needed now (a test to consider, a treatment that is working, data that could not be judged).</summary>
    Info = 0,

    /// <summary>Act at the next opportunity: a caution, an overdue test, a missing baseline, a moderate interaction.</summary>
    Moderate = 1,

    /// <summary>Act before the next dose or order: avoid, withhold, a major interaction or dose error.</summary>
    Major = 2,

    /// <summary>Do not give: a contraindication by label or guideline.</summary>
    Contraindicated = 3,
}
