using System.Collections.Immutable;
using System.Text;
using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Fhir.Reading;
using Relief.Store.Model;

namespace Relief.Store.Records;

/// <summary>
/// The store's history as the engine's <see cref="PatientRecord"/>, so the engine never knows where a fact came
/// from: conditions, courses (with their latest dose), labs and instrument scores as they are stored, and the
/// diary's pain ratings as one daily mean per day (LOINC 72514-3), which the response rules compare before and
/// after a start. Allergies, procedures and immunizations are read from the imported resources' text.
/// </summary>
internal static class StoredRecordBuilder
{
    public const string PainNrsLoinc = "72514-3";

    public static PatientRecord Build(StoredHistory history)
    {
        var observations = ImmutableArray.CreateBuilder<ObservationFact>();
        foreach (var lab in history.Labs)
        {
            observations.Add(new ObservationFact
            {
                ResourceId = ResourceId(lab.SourceResource, "lab", lab.Id),
                Concept = Concept(lab.Codes, lab.Display),
                Status = lab.FhirStatus,
                Effective = ToLocal(lab.Effective),
                Value = lab.Value,
                Unit = lab.Unit,
                UnitCode = lab.UnitCode,
                ValueConcept = null,
                ValueText = lab.ValueText,
                ReferenceLow = lab.ReferenceLow,
                ReferenceHigh = lab.ReferenceHigh,
            });
        }

        foreach (var m in history.Measurements)
        {
            observations.Add(new ObservationFact
            {
                ResourceId = ResourceId(m.SourceResource, "measurement", m.Id),
                Concept = Concept([m.Code], null),
                Status = "final",
                Effective = ToLocal(DateOnly.FromDateTime(m.EffectiveAt)),
                Value = m.Value,
                Unit = "{score}",
                UnitCode = "{score}",
                ValueConcept = null,
                ValueText = null,
            });
        }

        AddDailyPain(history.Diary, observations);

        var record = new PatientRecord
        {
            Id = history.Patient.Id,
            BirthDate = ToLocal(history.Patient.BirthDate),
            Sex = Enum.TryParse<AdministrativeSex>(history.Patient.Sex, ignoreCase: true, out var sex) ? sex : AdministrativeSex.Unknown,
            Conditions = [.. history.Conditions.Select(Condition)],
            Medications = [.. history.Courses.Select(Medication)],
            Observations = observations.ToImmutable(),
        };

        return history.OtherResources.Any(r => r.ResourceType != "Patient") ? WithOtherResources(record, history) : record;
    }

    /// <summary>Several entries a day are normal; the engine gets one rating per day, their mean.</summary>
    private static void AddDailyPain(List<DiaryEntry> diary, ImmutableArray<ObservationFact>.Builder observations)
    {
        var pain = new CodedText([new Code(CodeSystems.Loinc, PainNrsLoinc)], "Pain severity 0-10 (diary, daily mean)");
        DateOnly? day = null;
        decimal sum = 0;
        var count = 0;
        foreach (var entry in diary)
        {
            if (entry.Pain is not { } score)
            {
                continue;
            }

            var date = DateOnly.FromDateTime(entry.At);
            if (day is { } d && d != date)
            {
                observations.Add(DailyPain(pain, d, sum / count));
                sum = 0;
                count = 0;
            }

            day = date;
            sum += score;
            count++;
        }

        if (day is { } last)
        {
            observations.Add(DailyPain(pain, last, sum / count));
        }
    }

    private static ObservationFact DailyPain(CodedText concept, DateOnly day, decimal mean) =>
        new ObservationFact
        {
            ResourceId = $"diary-pain-{day:yyyy-MM-dd}",
            Concept = concept,
            Status = "final",
            Effective = ToLocal(day),
            Value = Math.Round(mean, 1),
            Unit = "{score}",
            UnitCode = "{score}",
            ValueConcept = null,
            ValueText = null,
        };

    private static ConditionFact Condition(ConditionEntry c) => new ConditionFact
    {
        ResourceId = ResourceId(c.SourceResource, "condition", c.Id),
        Concept = Concept(c.Codes, c.Text),
        ClinicalStatus = Enum.TryParse<ConditionClinicalStatus>(c.ClinicalStatus, ignoreCase: true, out var clinical) ? clinical : ConditionClinicalStatus.Unknown,
        VerificationStatus = Enum.TryParse<ConditionVerificationStatus>(c.VerificationStatus.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var verification) ? verification : ConditionVerificationStatus.Unknown,
        Onset = ToLocal(c.Onset),
        Abatement = ToLocal(c.Abatement),
        Recorded = ToLocal(c.Recorded),
    };

    private static MedicationFact Medication(TreatmentCourse course)
    {
        var type = course.SourceResource?.Split('/')[0] ?? "MedicationStatement";
        var dose = course.DoseChanges.OrderBy(d => d.EffectiveFrom ?? DateOnly.MinValue).ThenBy(d => d.Id).LastOrDefault();
        return new MedicationFact
        {
            ResourceId = ResourceId(course.SourceResource, "course", course.Id),
            ResourceType = type,
            Medication = Concept(course.DrugCodes, course.DrugName),
            Use = Enum.TryParse<MedicationUse>(course.Use, ignoreCase: true, out var use) ? use : MedicationUse.Current,
            Status = course.FhirStatus,
            Intent = course.Intent,
            Start = ToLocal(course.Start),
            End = ToLocal(course.Stop),
            Dosages = dose is null ? [] : [new DosageFact
            {
                Text = dose.Text,
                DoseValue = dose.DoseValue,
                DoseUnit = dose.DoseUnit,
                Frequency = dose.Frequency,
                Period = dose.Period,
                PeriodUnit = dose.PeriodUnit,
                AsNeeded = dose.AsNeeded,
                Route = dose.Route,
            }],
        };
    }

    /// <summary>Allergies, procedures and immunizations: the FHIR reader reads them from the stored text.</summary>
    private static PatientRecord WithOtherResources(PatientRecord record, StoredHistory history)
    {
        var json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        var patient = history.OtherResources.FirstOrDefault(r => r.ResourceType == "Patient")?.Json
            ?? $"{{\"resourceType\":\"Patient\",\"id\":\"{history.Patient.Id}\"}}";
        json.Append("{\"resource\":").Append(patient).Append('}');
        foreach (var resource in history.OtherResources.Where(r => r.ResourceType != "Patient"))
        {
            json.Append(",{\"resource\":").Append(resource.Json).Append('}');
        }

        json.Append("]}");
        var read = FhirBundleReader.Read(Encoding.UTF8.GetBytes(json.ToString()));
        return read.Record is not { } other
            ? record
            : record with { Allergies = other.Allergies, Procedures = other.Procedures, Immunizations = other.Immunizations };
    }

    private static CodedText Concept(IEnumerable<string> codes, string? text)
    {
        var parsed = codes.Select(c => Code.TryParse(c, out var code) ? code : (Code?)null).Where(c => c is not null).Select(c => c!.Value).ToImmutableArray();
        return new CodedText(parsed, text);
    }

    private static string ResourceId(string? source, string kind, long id) =>
        source is { } s && s.IndexOf('/') is var slash and > 0 ? s[(slash + 1)..] : $"store-{kind}-{id}";

    public static LocalDate? ToLocal(DateOnly? date) => date is { } d ? new LocalDate(d.Year, d.Month, d.Day) : null;
}
