using Relief.Store.Model;

namespace Relief.Store.Application;

// Inputs of the store's write operations, as the CLI and the API receive them (validated by the store).

/// <summary>A new treatment course: the drug ("system|code", RxNorm for the engine), start date and first dose.</summary>
public sealed record CourseInput(string DrugCode, string DrugName, DateOnly Start, DoseInput? Dose);

/// <summary>A dose (e.g. 60 mg once daily) from a date on.</summary>
public sealed record DoseInput(decimal Value, string Unit, int Frequency = 1, decimal Period = 1, string PeriodUnit = "d", bool AsNeeded = false, string? Text = null);

public sealed record AdverseEventInput(DateOnly Onset, string Description, string Severity, long? SuspectedCourseId);

/// <summary>A lab result by LOINC code with its value and unit (UCUM or a spelling knowledge/units.yaml knows).</summary>
public sealed record LabInput(string LoincCode, decimal Value, string Unit, DateOnly Effective, string? Display = null);

public sealed record AdherenceInput(long CourseId, DateOnly Date, Adherence Adherence);
