using System.Text.Json;
using NodaTime;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>Condition: the concept, its clinical and verification status, and its dates.</summary>
internal static class ConditionReader
{
    private const string ClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private const string VerificationSystem = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    public static ConditionFact Read(ResourceEntry entry, ReadContext context)
    {
        var resource = entry.Resource;
        var root = ElementPath.Root;
        var clinical = CodeableConcepts.StatusCode(resource, "clinicalStatus", ClinicalSystem, root, context) switch
        {
            null => ConditionClinicalStatus.Unknown,
            "active" => ConditionClinicalStatus.Active,
            "recurrence" => ConditionClinicalStatus.Recurrence,
            "relapse" => ConditionClinicalStatus.Relapse,
            "inactive" => ConditionClinicalStatus.Inactive,
            "remission" => ConditionClinicalStatus.Remission,
            "resolved" => ConditionClinicalStatus.Resolved,
            var other => Unrecognised(other, "clinicalStatus", ConditionClinicalStatus.Unknown, context),
        };
        var verification = CodeableConcepts.StatusCode(resource, "verificationStatus", VerificationSystem, root, context) switch
        {
            null => ConditionVerificationStatus.Unknown,
            "confirmed" => ConditionVerificationStatus.Confirmed,
            "provisional" => ConditionVerificationStatus.Provisional,
            "differential" => ConditionVerificationStatus.Differential,
            "unconfirmed" => ConditionVerificationStatus.Unconfirmed,
            "refuted" => ConditionVerificationStatus.Refuted,
            "entered-in-error" => ConditionVerificationStatus.EnteredInError,
            var other => Unrecognised(other, "verificationStatus", ConditionVerificationStatus.Unknown, context),
        };

        return new ConditionFact
        {
            ResourceId = entry.Id,
            Concept = CodeableConcepts.Read(resource, "code", root, context),
            ClinicalStatus = clinical,
            VerificationStatus = verification,
            Onset = Onset(resource, context),
            Abatement = Abatement(resource, context),
            Recorded = FhirDates.DateTime(resource, "recordedDate"u8, root, context),
            Categories = CategoryCodes.Read(resource, context),
            EncounterReference = TolerantJson.TryGetObject(resource, "encounter"u8, root, context, out var encounter)
                ? TolerantJson.String(encounter, "reference"u8, "encounter", context)
                : null,
        };
    }

    /// <summary>
    /// onset[x] and abatement[x] as a date: the dateTime, or a Period's start (the earliest day it may have
    /// begun). An Age, Range or string cannot be placed on the calendar here, so it is warned about and left empty.
    /// </summary>
    private static LocalDate? Onset(JsonElement resource, ReadContext context)
    {
        if (resource.TryGetProperty("onsetDateTime"u8, out _))
        {
            return FhirDates.DateTime(resource, "onsetDateTime"u8, ElementPath.Root, context);
        }

        return resource.TryGetProperty("onsetPeriod"u8, out _)
            ? FhirDates.PeriodStart(resource, "onsetPeriod", ElementPath.Root, context)
            : Unplaced(resource, "onset", context);
    }

    private static LocalDate? Abatement(JsonElement resource, ReadContext context)
    {
        if (resource.TryGetProperty("abatementDateTime"u8, out _))
        {
            return FhirDates.DateTime(resource, "abatementDateTime"u8, ElementPath.Root, context);
        }

        return resource.TryGetProperty("abatementPeriod"u8, out _)
            ? FhirDates.PeriodStart(resource, "abatementPeriod", ElementPath.Root, context)
            : Unplaced(resource, "abatement", context);
    }

    // The names looked for in every Condition (most have no abatement): made once, not concatenated per resource.
    private static readonly string[] OnsetUnplaced = ["onsetAge", "onsetRange", "onsetString"];
    private static readonly string[] AbatementUnplaced = ["abatementAge", "abatementRange", "abatementString"];

    private static LocalDate? Unplaced(JsonElement resource, string choice, ReadContext context)
    {
        foreach (var element in choice == "onset" ? OnsetUnplaced : AbatementUnplaced)
        {
            if (resource.TryGetProperty(element, out _))
            {
                context.Warn(element, $"{element} is not a calendar date; {choice} left empty");
                return null;
            }
        }

        return null;
    }

    private static T Unrecognised<T>(string code, string element, T fallback, ReadContext context)
    {
        context.Warn(element, $"{element} \"{code}\" is not an R4 code; read as {fallback}");
        return fallback;
    }
}
