using System.Buffers;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Relief.Core.Codes;

namespace Relief.Bulk.Synthesis;

/// <summary>The NDJSON resource types a synthetic export holds, in manifest order.</summary>
internal enum SynthResourceType
{
    Patient,
    Condition,
    MedicationRequest,
    Observation,
}

/// <summary>
/// Writes one patient's plan as FHIR R4 resources, one compact JSON object per line, into a buffer per resource
/// type. Property order is fixed, numbers use the invariant culture, and nothing depends on the clock, so the
/// same plan always gives the same bytes.
/// </summary>
internal sealed class FhirResourceWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = true };
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static readonly int TypeCount = Enum.GetValues<SynthResourceType>().Length;

    private readonly ArrayBufferWriter<byte>[] _buffers;
    private readonly Utf8JsonWriter[] _writers;

    public FhirResourceWriter()
    {
        _buffers = [.. Enumerable.Range(0, TypeCount).Select(_ => new ArrayBufferWriter<byte>(64 * 1024))];
        _writers = [.. _buffers.Select(b => new Utf8JsonWriter(b, Options))];
        Counts = new long[TypeCount];
    }

    /// <summary>Resources written per type since the last <see cref="Reset"/>.</summary>
    public long[] Counts { get; }

    public ReadOnlyMemory<byte> Written(SynthResourceType type)
    {
        _writers[(int)type].Flush();
        return _buffers[(int)type].WrittenMemory;
    }

    public void Reset()
    {
        for (var i = 0; i < TypeCount; i++)
        {
            _writers[i].Flush();
            _buffers[i].Clear();
            _writers[i].Reset(_buffers[i]);
            Counts[i] = 0;
        }
    }

    public void Write(PatientPlan plan)
    {
        Patient(plan);
        var n = 0;
        foreach (var condition in plan.Conditions)
        {
            Condition(plan, condition, ++n);
        }

        n = 0;
        foreach (var medication in plan.Medications)
        {
            MedicationRequest(plan, medication, ++n);
        }

        n = 0;
        foreach (var result in plan.Results)
        {
            Observation(plan, result, ++n);
        }
    }

    private Utf8JsonWriter Begin(SynthResourceType type, string id)
    {
        var writer = _writers[(int)type];
        writer.WriteStartObject();
        writer.WriteString("resourceType"u8, type.ToString());
        writer.WriteString("id"u8, id);
        return writer;
    }

    private void End(SynthResourceType type)
    {
        var writer = _writers[(int)type];
        writer.WriteEndObject();
        writer.Flush();
        _buffers[(int)type].Write(NewLine);
        writer.Reset(_buffers[(int)type]);
        Counts[(int)type]++;
    }

    private void Patient(PatientPlan plan)
    {
        var w = Begin(SynthResourceType.Patient, plan.Id);
        w.WriteStartObject("meta"u8);
        w.WriteStartArray("tag"u8);
        Coding(w, "http://terminology.hl7.org/CodeSystem/v3-ActReason", "HTEST", "test health data");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("identifier"u8);
        w.WriteStartObject();
        w.WriteString("system"u8, "https://relief.example/synthetic-mrn");
        w.WriteString("value"u8, plan.Id);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("active"u8, true);
        w.WriteString("gender"u8, plan.Female ? "female" : "male");
        w.WriteString("birthDate"u8, Date(plan.BirthDate));
        End(SynthResourceType.Patient);
    }

    private void Condition(PatientPlan plan, PlannedCondition condition, int n)
    {
        var w = Begin(SynthResourceType.Condition, $"{plan.Id}-c{n}");
        Concept(w, "clinicalStatus"u8, "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active");
        Concept(w, "verificationStatus"u8, "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed");
        w.WriteStartArray("category"u8);
        ConceptValue(w, "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item");
        w.WriteEndArray();
        Concept(w, "code"u8, condition.Condition.Code, condition.Condition.Display);
        Subject(w, plan);
        w.WriteString("onsetDateTime"u8, Date(condition.Onset));
        End(SynthResourceType.Condition);
    }

    private void MedicationRequest(PatientPlan plan, PlannedMedication medication, int n)
    {
        var w = Begin(SynthResourceType.MedicationRequest, $"{plan.Id}-m{n}");
        w.WriteString("status"u8, "active");
        w.WriteString("intent"u8, "order");
        w.WriteStartObject("medicationCodeableConcept"u8);
        w.WriteStartArray("coding"u8);
        Coding(w, CodeSystems.RxNorm, medication.Product.RxNorm, medication.Product.Name);
        w.WriteEndArray();
        w.WriteString("text"u8, medication.Product.Name);
        w.WriteEndObject();
        Subject(w, plan);
        w.WriteString("authoredOn"u8, Date(medication.Start));
        w.WriteStartArray("dosageInstruction"u8);
        w.WriteStartObject();
        w.WriteNumber("sequence"u8, 1);
        w.WriteString("text"u8, DosageText(medication));
        w.WriteStartObject("timing"u8);
        w.WriteStartObject("repeat"u8);
        w.WriteStartObject("boundsPeriod"u8);
        w.WriteString("start"u8, Date(medication.Start));
        w.WriteEndObject();
        w.WriteNumber("frequency"u8, medication.Frequency);
        w.WriteNumber("period"u8, medication.Period);
        w.WriteString("periodUnit"u8, medication.PeriodUnit);
        w.WriteEndObject();
        w.WriteEndObject();
        if (medication.AsNeeded)
        {
            w.WriteBoolean("asNeededBoolean"u8, true);
        }

        w.WriteStartArray("doseAndRate"u8);
        w.WriteStartObject();
        w.WriteStartObject("doseQuantity"u8);
        w.WriteNumber("value"u8, medication.Dose);
        w.WriteString("unit"u8, medication.DoseUnit);
        w.WriteString("system"u8, CodeSystems.Ucum);
        w.WriteString("code"u8, medication.DoseUnit == "mg" ? "mg" : "{" + medication.DoseUnit + "}");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        End(SynthResourceType.MedicationRequest);
    }

    private void Observation(PatientPlan plan, PlannedResult result, int n)
    {
        var pain = result.Test.Id == SynthesisCatalog.PainInstrumentId;
        var w = Begin(SynthResourceType.Observation, $"{plan.Id}-o{n}");
        w.WriteString("status"u8, "final");
        w.WriteStartArray("category"u8);
        ConceptValue(w, "http://terminology.hl7.org/CodeSystem/observation-category", pain ? "survey" : "laboratory", pain ? "Survey" : "Laboratory");
        w.WriteEndArray();
        Concept(w, "code"u8, new Code(CodeSystems.Loinc, result.Test.Loinc), result.Test.Display);
        Subject(w, plan);
        w.WriteString("effectiveDateTime"u8, Date(result.Date));
        w.WriteStartObject("valueQuantity"u8);
        w.WriteNumber("value"u8, result.Value);
        if (result.Test.Unit is { } unit)
        {
            w.WriteString("unit"u8, unit);
            w.WriteString("system"u8, CodeSystems.Ucum);
            w.WriteString("code"u8, unit);
        }

        w.WriteEndObject();
        End(SynthResourceType.Observation);
    }

    private static string DosageText(PlannedMedication m)
    {
        var dose = $"{m.Dose.ToString(CultureInfo.InvariantCulture)} {m.DoseUnit}";
        var timing = (m.Frequency, m.Period, m.PeriodUnit) switch
        {
            (1, 1, "d") => "once daily",
            (2, 1, "d") => "twice daily",
            (3, 1, "d") => "three times daily",
            (4, 1, "d") => "four times daily",
            (1, 1, "wk") => "once weekly",
            (1, var hours, "h") => $"every {hours} hours",
            _ => $"{m.Frequency} times every {m.Period} {m.PeriodUnit}",
        };
        return $"{dose} by mouth {timing}{(m.AsNeeded ? " as needed for pain" : "")}";
    }

    private static void Subject(Utf8JsonWriter w, PatientPlan plan)
    {
        w.WriteStartObject("subject"u8);
        w.WriteString("reference"u8, "Patient/" + plan.Id);
        w.WriteEndObject();
    }

    private static void Concept(Utf8JsonWriter w, ReadOnlySpan<byte> name, string system, string code, string display)
    {
        w.WritePropertyName(name);
        ConceptValue(w, system, code, display);
    }

    private static void Concept(Utf8JsonWriter w, ReadOnlySpan<byte> name, Code code, string display)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WriteStartArray("coding"u8);
        Coding(w, code.System, code.Value, display);
        w.WriteEndArray();
        w.WriteString("text"u8, display);
        w.WriteEndObject();
    }

    private static void ConceptValue(Utf8JsonWriter w, string system, string code, string display)
    {
        w.WriteStartObject();
        w.WriteStartArray("coding"u8);
        Coding(w, system, code, display);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Coding(Utf8JsonWriter w, string system, string code, string display)
    {
        w.WriteStartObject();
        w.WriteString("system"u8, system);
        w.WriteString("code"u8, code);
        w.WriteString("display"u8, display);
        w.WriteEndObject();
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
