using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// Everything Relief has to say about one patient on one date. Every front end (CLI text and JSON, CDS Hooks
/// cards, web pages, screening rows) renders this; none re-derives clinical logic.
/// </summary>
public sealed record PatientAssessment
{
    /// <summary>Shown wherever Relief speaks: it informs a clinician's decision and never replaces it.</summary>
    public const string Disclaimer =
        "Decision support only, not a prescription: Relief summarises published evidence for a clinician, " +
        "who weighs it with the patient and remains responsible for every treatment decision.";

    public required string PatientId { get; init; }

    public required LocalDate AsOf { get; init; }

    public int? Age { get; init; }

    public AdministrativeSex Sex { get; init; }

    public required string KnowledgeVersion { get; init; }

    public ImmutableArray<ConditionAssessment> Conditions { get; init; } = [];

    public ImmutableArray<MedicationReview> Medications { get; init; } = [];

    public ImmutableArray<UnrecognisedCode> Unrecognised { get; init; } = [];

    /// <summary>How many resolved or inactive conditions were present and deliberately not assessed.</summary>
    public int InactiveConditionsNotAssessed { get; init; }

    /// <summary>What is unsafe for this patient: cautions and contraindications, interactions, dose problems.</summary>
    public SafetyReport Safety { get; init; } = SafetyReport.Empty;

    /// <summary>Per drug: baselines missing before a start, overdue follow-up tests, results past action thresholds.</summary>
    public ImmutableArray<MonitoringFinding> Monitoring { get; init; } = [];

    /// <summary>Whether each current pain drug is working, and what to do (with taper guidance when stopping).</summary>
    public ImmutableArray<ResponseFinding> Response { get; init; } = [];

    /// <summary>What kept a safety rule from being judged (unconvertible units, unknown renal function, doses not computable).</summary>
    public ImmutableArray<DataQualityNote> DataQuality { get; init; } = [];

    /// <summary>
    /// Every finding above (safety, monitoring, response, data quality) in the one shape and on the one
    /// severity scale, most severe first: what cards, worklists, screening rows and the CLI render.
    /// </summary>
    public ImmutableArray<Finding> Findings { get; init; } = [];
}
