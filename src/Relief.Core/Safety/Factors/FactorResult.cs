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
internal sealed record FactorResult(
    FactorState State,
    string? Criterion,
    ImmutableArray<FactReference> Facts,
    ImmutableArray<ComputedValue> Computed,
    ImmutableArray<Code> Codes,
    ImmutableArray<string> Notes,
    bool RenalFunctionUnknown)
{
    public static readonly FactorResult No = new(FactorState.DoesNotHold, null, [], [], [], [], false);

    public bool Holds => State == FactorState.Holds;
}
