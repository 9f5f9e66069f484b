using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Safety;

/// <summary>What a monitoring finding says, most urgent first (knowledge-format-safety.md §1.5).</summary>
public enum MonitoringFindingKind
{
    /// <summary>A result crossed an action threshold; <see cref="MonitoringFinding.Action"/> says what to do.</summary>
    ThresholdBreached,

    /// <summary>A required test has no result in the window before the start.</summary>
    BaselineMissing,

    /// <summary>A scheduled follow-up test is past its due date and grace period.</summary>
    Overdue,

    /// <summary>A test the protocol suggests considering before the start has no result.</summary>
    Consider,
}

/// <summary>
/// One monitoring finding for a drug's protocol (knowledge-format-safety.md §8): a missing baseline (with the reference date and
/// the tests missing), an overdue test (last result, due date), or a result past a threshold (the result,
/// the threshold and the action). <see cref="LocalConvention"/> marks findings resting on a number Relief
/// chose (look-back windows, grace periods, the 30-day confirmation window), which the UI must label so.
/// </summary>
public sealed record MonitoringFinding
{
    public required string RuleId { get; init; }

    public required string ProtocolId { get; init; }

    public required string ProtocolName { get; init; }

    public required MonitoringFindingKind Kind { get; init; }

    public MonitoringAction? Action { get; init; }

    public required ImmutableArray<string> TestIds { get; init; }

    public required ImmutableArray<FactReference> Medications { get; init; }

    public required ImmutableArray<FactReference> Results { get; init; }

    public required string Message { get; init; }

    public required ImmutableArray<SourceCitation> Sources { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    /// <summary>Baseline: the date the window is measured from (the start, or today for a proposed order).</summary>
    public LocalDate? ReferenceDate { get; init; }

    /// <summary>Overdue: the latest result of the test, if any.</summary>
    public LocalDate? LastResult { get; init; }

    /// <summary>Overdue: when the test fell due (it is overdue since then, grace period aside).</summary>
    public LocalDate? DueDate { get; init; }

    /// <summary>Threshold: the rule as written, e.g. "alt > 100 U/L".</summary>
    public string? Threshold { get; init; }

    /// <summary>Threshold: a value worked out from the results (a rise in percent, a multiple of the upper limit).</summary>
    public ComputedValue? Computed { get; init; }

    /// <summary>Threshold needing confirmation: a single result crossed it; repeat the test before acting.</summary>
    public bool RepeatToConfirm { get; init; }

    public string? Note { get; init; }

    /// <summary>Knowledge ids of the patient's ingredients the protocol monitors here, so a worklist can filter by drug.</summary>
    public ImmutableArray<string> IngredientIds { get; init; } = [];

    public bool LocalConvention { get; init; }

    public FindingFamily Family => FindingFamily.Monitoring;
}
