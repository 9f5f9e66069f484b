namespace Relief.Store.Application;

/// <summary>
/// A new goal: the patient's words, optionally a target on an instrument (its id, e.g. pain-nrs, and a value;
/// the comparison defaults to the instrument's better direction), the start and an optional due date.
/// </summary>
public sealed record GoalInput(string Text, DateOnly Start, string? InstrumentId = null, decimal? TargetValue = null, string? Comparator = null, DateOnly? DueDate = null, string? Note = null);

/// <summary>A change of a goal's status (FHIR lifecycle and achievement), with the reason kept in the amendment trail.</summary>
public sealed record GoalStatusInput(string? Lifecycle, string? Achievement, string? Reason);
