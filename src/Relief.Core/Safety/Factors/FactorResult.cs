using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;

namespace Relief.Core.Safety.Factors;

internal enum FactorState
{
    Holds,
    DoesNotHold,

    /// <summary>No criterion held and at least one could not be judged (renal function unknown, unit unconvertible).</summary>
    Unknown,
}

/// <summary>
/// Whether a factor holds for the patient, which criterion made it hold, and the facts behind it. When it
/// holds, <see cref="Criterion"/> is age, condition, procedure, observation or kidney-function.
/// </summary>
internal sealed record FactorResult
{
    public required FactorState State { get; init; }

    public required string? Criterion { get; init; }

    public required ImmutableArray<FactReference> Facts { get; init; }

    public required ImmutableArray<ComputedValue> Computed { get; init; }

    public required ImmutableArray<Code> Codes { get; init; }

    public required ImmutableArray<string> Notes { get; init; }

    public required bool RenalFunctionUnknown { get; init; }

    public static readonly FactorResult No = new FactorResult
    {
        State = FactorState.DoesNotHold,
        Criterion = null,
        Facts = [],
        Computed = [],
        Codes = [],
        Notes = [],
        RenalFunctionUnknown = false,
    };

    public bool Holds => State == FactorState.Holds;
}
