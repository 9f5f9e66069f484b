using System.Collections.Immutable;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// A number the engine worked out (creatinine clearance, daily dose, MME/day, a rise in percent), how, and
/// from what, so a clinician can check the arithmetic: "crcl 35.4 mL/min by cockcroft-gault from creatinine
/// 1.2 mg/dL (Observation/obs-3), weight 60 kg, age 80, female".
/// </summary>
public sealed record ComputedValue(string Name, decimal Value, string Unit, string Method, ImmutableArray<ComputedInput> Inputs)
{
    public ImmutableArray<string> Notes { get; init; } = [];
}

/// <summary>One input of a computation, as text with its unit, and the resource it came from when there is one.</summary>
public sealed record ComputedInput(string Name, string Value, string? Resource = null);
