using NodaTime;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>Patient: who the record is about, with the birth date and sex the assessment needs.</summary>
internal static class PatientReader
{
    /// <summary>Whether the patient has died, and when: deceasedDateTime, or deceasedBoolean true without a date.</summary>
    public static (bool Deceased, LocalDate? On) Death(ResourceEntry entry, ReadContext context)
    {
        if (entry.Resource.TryGetProperty("deceasedDateTime"u8, out _))
        {
            var on = FhirDates.DateTime(entry.Resource, "deceasedDateTime"u8, ElementPath.Root, context);
            return (true, on);
        }

        return (TolerantJson.Boolean(entry.Resource, "deceasedBoolean"u8, ElementPath.Root, context) is true, null);
    }

    public static (LocalDate? BirthDate, AdministrativeSex Sex) Read(ResourceEntry entry, ReadContext context)
    {
        var birthDate = FhirDates.Date(entry.Resource, "birthDate"u8, ElementPath.Root, context);
        var gender = TolerantJson.String(entry.Resource, "gender"u8, ElementPath.Root, context);
        var sex = gender switch
        {
            null => AdministrativeSex.Unknown,
            "female" => AdministrativeSex.Female,
            "male" => AdministrativeSex.Male,
            "other" => AdministrativeSex.Other,
            "unknown" => AdministrativeSex.Unknown,
            _ => Unrecognised(gender, context),
        };
        return (birthDate, sex);
    }

    private static AdministrativeSex Unrecognised(string gender, ReadContext context)
    {
        context.Warn("gender", $"gender \"{gender}\" is not male, female, other or unknown; read as unknown");
        return AdministrativeSex.Unknown;
    }
}
