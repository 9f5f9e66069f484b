using NodaTime;

namespace Relief.Core.Assessment.Safety;

/// <summary>
/// A patient fact that triggered a finding: the resource (type and id, so a front end can link to it), what
/// it says, and its date: a medication's start, a condition's onset, a result's effective date, a vaccine's
/// occurrence. Results also carry their value and unit as recorded. <see cref="Role"/> says how the fact
/// took part ("proposed", "past, ended 2026-11-14", "latest result", "previous order").
/// </summary>
public sealed record FactReference(string ResourceType, string ResourceId, string Display, LocalDate? Date)
{
    public decimal? Value { get; init; }

    public string? Unit { get; init; }

    public string? Role { get; init; }

    /// <summary><c>Type/id</c>, the FHIR relative reference.</summary>
    public string Reference => $"{ResourceType}/{ResourceId}";
}
