using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Core.Assessment;

/// <summary>
/// One therapy for one condition, with every statement the knowledge base holds about it there. A drug's row
/// carries its own statements and those of its classes that cover it, each saying where it came from
/// (<see cref="EvidenceFinding.StatedFor"/>). <see cref="Grade"/> is the most favourable statement's grade;
/// <see cref="Contested"/> says another source recommends the opposite, and both are kept so the clinician
/// sees the disagreement.
/// </summary>
public sealed record TherapyOption
{
    public required int Rank { get; init; }

    public required string TherapyId { get; init; }

    public required string Name { get; init; }

    public required TherapyKind Kind { get; init; }

    public required EvidenceGrade Grade { get; init; }

    public required int? Line { get; init; }

    public required bool Contested { get; init; }

    public required string? Mechanism { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required ImmutableArray<EvidenceFinding> Evidence { get; init; }

    public required ImmutableArray<string> PatientResources { get; init; }

    /// <summary>
    /// When the sources disagree, which said what ("sources disagree: weak-for Younger 2013; weak-against FINAL 2024"),
    /// so the CLI, the web and cards word the disagreement the same way. Null when they agree.
    /// </summary>
    public string? ContestedNote => Contested
        ? "sources disagree: " + string.Join("; ", Evidence.Select(e => $"{e.Grade.ToWireName()} {e.SourceLabel}").Distinct(StringComparer.Ordinal))
        : null;

    /// <summary>
    /// For a class row: the members it speaks for here, those not listed as rows of their own (a listed member's
    /// row already carries the class statements). Empty for drug and non-drug rows.
    /// </summary>
    public ImmutableArray<ClassMember> ForMembers { get; init; } = [];

    /// <summary>For a class row: some members it covers have rows of their own, so this row speaks only for <see cref="ForMembers"/>.</summary>
    public bool OtherMembersListed { get; init; }

    /// <summary>
    /// Statements for the patient's other conditions that point the other way on this therapy (exercise: strong-for
    /// in fibromyalgia, strong-against as a generalised programme in ME/CFS), so a recommendation is never shown
    /// unopposed when another of the patient's conditions argues against it.
    /// </summary>
    public ImmutableArray<ConditionConflict> ConflictsWithOtherConditions { get; init; } = [];
}

/// <summary>A member of a drug class, by id and name.</summary>
public sealed record ClassMember(string Id, string Name);

/// <summary>A statement for another of the patient's conditions that disagrees with this option's direction.</summary>
public sealed record ConditionConflict(string ConditionId, string ConditionName, EvidenceFinding Evidence);

/// <summary>One cited statement, as it applies to this patient's condition.</summary>
public sealed record EvidenceFinding
{
    public required string StatementId { get; init; }

    public required string TherapyId { get; init; }

    public required EvidenceGrade Grade { get; init; }

    public required int? Line { get; init; }

    public required string? Quality { get; init; }

    public required NumberNeeded? Nnt { get; init; }

    public required NumberNeeded? Nnh { get; init; }

    public required string Summary { get; init; }

    public required string SourceId { get; init; }

    public required string SourceLabel { get; init; }

    public required string Citation { get; init; }

    public required int Year { get; init; }

    public required string? InheritedFrom { get; init; }

    /// <summary>The drug, class or therapy the statement names: on a member's row, the member or one of its classes.</summary>
    public required TherapyOrigin StatedFor { get; init; }

    /// <summary>For a class statement limited to some members: their names (NeuPSIG SNRIs: duloxetine, venlafaxine).</summary>
    public ImmutableArray<string> Members { get; init; } = [];

    /// <summary>For a class statement: members its evidence does not cover.</summary>
    public ImmutableArray<string> Excludes { get; init; } = [];

    /// <summary>For a drug statement limited to some product forms: their names (capsaicin cream).</summary>
    public ImmutableArray<string> Forms { get; init; } = [];

    public StatementUsage Usage { get; init; }

    /// <summary>The limits above in one phrase for people ("duloxetine and venlafaxine only"); null when unqualified.</summary>
    public string? Qualifier { get; init; }
}

/// <summary>What a statement names: its id, name and kind (drug, class, non-drug).</summary>
public sealed record TherapyOrigin(string Id, string Name, TherapyKind Kind);
