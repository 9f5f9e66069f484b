namespace Relief.Fhir.Reading.Resources;

/// <summary>Where a dosage's elements are, for warnings (<c>dosageInstruction[0].timing.repeat</c>...).</summary>
internal sealed class DosagePaths(string dosage)
{
    public string Dosage { get; } = dosage;

    public string Timing { get; } = $"{dosage}.timing";

    public string Repeat { get; } = $"{dosage}.timing.repeat";

    public string FirstDoseAndRate { get; } = $"{dosage}.doseAndRate[0]";
}
