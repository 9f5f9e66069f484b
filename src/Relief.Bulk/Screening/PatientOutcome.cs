using Relief.Bulk.Summary;

namespace Relief.Bulk.Screening;

/// <summary>What screening one patient gave: the rows, the patient's age for the report, or why the patient could not be read.</summary>
internal sealed record PatientOutcome(string PatientId, IReadOnlyList<FindingRow> Rows, int? Age, PatientError? Error);
