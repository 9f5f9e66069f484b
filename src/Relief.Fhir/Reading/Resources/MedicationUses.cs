using Relief.Core.Patients;

namespace Relief.Fhir.Reading.Resources;

/// <summary>
/// How a request's or statement's status (and a request's intent) places a medication for the assessment.
/// The order of the checks is the rule: an error entry is ignored whatever else it says; a finished or
/// cancelled request is history even if it was only a proposal; a draft, proposal, plan or option has
/// not started; an active or on-hold one is current. An unknown status counts as current, because
/// safety checks (interactions, cumulative opioid dose) would rather see a drug that may be taken
/// than miss one that is; the reader says so in a warning.
/// </summary>
internal static class MedicationUses
{
    public static MedicationUse ForRequest(string? status, string? intent, ReadContext context)
    {
        switch (status)
        {
            case "entered-in-error":
                return MedicationUse.Invalid;
            case "completed" or "stopped" or "cancelled":
                return MedicationUse.Past;
            case "draft":
                return MedicationUse.Proposed;
        }

        if (intent is "proposal" or "plan" or "option")
        {
            return MedicationUse.Proposed;
        }

        if (status is "active" or "on-hold")
        {
            return MedicationUse.Current;
        }

        WarnUnknown("status", status, context);
        return MedicationUse.Current;
    }

    public static MedicationUse ForStatement(string? status, ReadContext context)
    {
        switch (status)
        {
            case "entered-in-error":
                return MedicationUse.Invalid;
            case "completed" or "stopped" or "not-taken":
                return MedicationUse.Past;
            case "intended":
                return MedicationUse.Proposed;
            case "active" or "on-hold":
                return MedicationUse.Current;
            default:
                WarnUnknown("status", status, context);
                return MedicationUse.Current;
        }
    }

    private static void WarnUnknown(string element, string? status, ReadContext context)
    {
        var said = status switch
        {
            null => "is missing",
            "unknown" => "is unknown",
            _ => $"\"{status}\" is not an R4 code",
        };
        context.Warn(element, $"{element} {said}; counted as current so that safety checks see the medication");
    }
}
