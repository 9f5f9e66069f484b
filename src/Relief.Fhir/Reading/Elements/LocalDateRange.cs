using NodaTime;

namespace Relief.Fhir.Reading.Elements;

/// <summary>Start and end of a FHIR Period, either possibly unknown.</summary>
internal readonly record struct LocalDateRange(LocalDate? Start, LocalDate? End);
