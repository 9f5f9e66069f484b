using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;

namespace Relief.Core.Assessment.Findings;

/// <summary>
/// One finding in the shape every front end reads: the CLI's rows, the JSON contract, CDS Hooks cards,
/// web rows and screening rows are projections of this, so none re-derives severity or wording.
/// Each family's engine record (a caution, an interaction, a dose problem, a monitoring or response
/// finding, a data-quality note) fills it once, in <see cref="FindingProjection"/>.
/// </summary>
public sealed record Finding
{
    public required FindingFamily Family { get; init; }

    /// <summary>The knowledge rule that fired (<c>caution:…</c>, <c>interaction:…</c>, a protocol id…).</summary>
    public required string RuleId { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>The family's own kind, kebab-case: <c>avoid</c>, <c>pair</c>, <c>max-daily</c>, <c>overdue</c>, <c>stop</c>…</summary>
    public required string Kind { get; init; }

    /// <summary>One line a clinician can read in a list or a card summary: what, for which drug(s).</summary>
    public required string Title { get; init; }

    /// <summary>Knowledge ids of the drugs concerned (empty for findings about data).</summary>
    public ImmutableArray<string> IngredientIds { get; init; } = [];

    /// <summary>The patient's facts that triggered the finding, each with its resource reference.</summary>
    public ImmutableArray<FactReference> Facts { get; init; } = [];

    /// <summary>Numbers the engine worked out, with their inputs (CrCl, daily dose, MME/day, rise in percent).</summary>
    public ImmutableArray<ComputedValue> Computed { get; init; } = [];

    public ImmutableArray<Code> Codes { get; init; } = [];

    /// <summary>Why it matters: the rationale or mechanism from the knowledge.</summary>
    public string Why { get; init; } = "";

    /// <summary>What to do: the knowledge's action or management text.</summary>
    public string Action { get; init; } = "";

    public ImmutableArray<SourceCitation> Sources { get; init; } = [];

    /// <summary>What qualifies the finding (a limit that applies only in renal impairment, a local convention…): always shown with it.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>The label carries a boxed warning, or the pair is an ONC high-priority interaction.</summary>
    public bool HighPriority { get; init; }

    /// <summary>True when the finding reports something Relief could not judge (missing or unconvertible data): never an all-clear.</summary>
    public bool Unchecked { get; init; }

    /// <summary>
    /// Stable identity of the finding for this patient: family, rule and the triggering resources. The same
    /// finding on a later assessment has the same key, so card uuids, feedback and stored tasks can join on it.
    /// </summary>
    public required string Key { get; init; }
}
