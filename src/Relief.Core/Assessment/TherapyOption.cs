using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Core.Assessment;

/// <summary>
/// One therapy for one condition, with every statement the knowledge base holds about it there.
/// <see cref="Grade"/> is the most favourable statement's grade; <see cref="Contested"/> says another
/// source recommends the opposite, and both are kept so the clinician sees the disagreement.
/// </summary>
public sealed record TherapyOption(
    int Rank,
    string TherapyId,
    string Name,
    TherapyKind Kind,
    EvidenceGrade Grade,
    int? Line,
    bool Contested,
    string? Mechanism,
    ImmutableArray<Code> Codes,
    ImmutableArray<EvidenceFinding> Evidence,
    ImmutableArray<string> PatientResources)
{
    /// <summary>
    /// When the sources disagree, which said what ("sources disagree: weak-for Younger 2013; weak-against FINAL 2024"),
    /// so the CLI, the web and cards word the disagreement the same way. Null when they agree.
    /// </summary>
    public string? ContestedNote => Contested
        ? "sources disagree: " + string.Join("; ", Evidence.Select(e => $"{e.Grade.ToWireName()} {e.SourceLabel}").Distinct(StringComparer.Ordinal))
        : null;
}

/// <summary>One cited statement, as it applies to this patient's condition.</summary>
public sealed record EvidenceFinding(
    string StatementId,
    string TherapyId,
    EvidenceGrade Grade,
    int? Line,
    string? Quality,
    NumberNeeded? Nnt,
    NumberNeeded? Nnh,
    string Summary,
    string SourceId,
    string SourceLabel,
    string Citation,
    int Year,
    string? InheritedFrom);
