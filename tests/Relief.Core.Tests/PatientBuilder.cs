using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Patients;

namespace Relief.Core.Tests;

/// <summary>Builds the smallest patient that shows a rule.</summary>
public sealed class PatientBuilder
{
    private readonly List<ConditionFact> _conditions = [];
    private readonly List<MedicationFact> _medications = [];
    private readonly List<ProcedureFact> _procedures = [];
    private readonly List<ObservationFact> _observations = [];
    private readonly List<ImmunizationFact> _immunizations = [];
    private readonly List<EncounterFact> _encounters = [];
    private readonly List<CarePlanFact> _carePlans = [];
    private readonly List<ServiceRequestFact> _serviceRequests = [];
    private LocalDate? _birthDate = new LocalDate(1970, 1, 1);
    private AdministrativeSex _sex = AdministrativeSex.Female;

    public static readonly LocalDate AsOf = new(2026, 11, 21);

    public PatientBuilder Born(int year, int month, int day)
    {
        _birthDate = new LocalDate(year, month, day);
        return this;
    }

    /// <summary>A patient aged exactly <paramref name="years"/> on <see cref="AsOf"/> (the birthday was the day before).</summary>
    public PatientBuilder Aged(int years)
    {
        _birthDate = AsOf.PlusYears(-years).PlusDays(-1);
        return this;
    }

    public PatientBuilder WithoutBirthDate()
    {
        _birthDate = null;
        return this;
    }

    public PatientBuilder WithSex(AdministrativeSex sex)
    {
        _sex = sex;
        return this;
    }

    public PatientBuilder WithCondition(
        string system,
        string code,
        string display = "condition",
        ConditionClinicalStatus status = ConditionClinicalStatus.Active,
        ConditionVerificationStatus verification = ConditionVerificationStatus.Confirmed,
        LocalDate? recorded = null,
        LocalDate? onset = null)
    {
        var c = new Code(system, code);
        _conditions.Add(new ConditionFact
        {
            ResourceId = $"cond-{_conditions.Count + 1}",
            Concept = new CodedText([c], display) { Displays = ImmutableDictionary<Code, string>.Empty.Add(c, display) },
            ClinicalStatus = status,
            VerificationStatus = verification,
            Onset = onset ?? new LocalDate(2020, 1, 1),
            Abatement = null,
            Recorded = recorded,
        });
        return this;
    }

    public PatientBuilder WithMedication(
        string rxnorm,
        string display,
        MedicationUse use = MedicationUse.Current,
        LocalDate? start = null,
        LocalDate? end = null,
        DosageFact? dosage = null,
        bool withoutStart = false)
    {
        var c = new Code(CodeSystems.RxNorm, rxnorm);
        return WithMedication(new CodedText([c], null) { Displays = ImmutableDictionary<Code, string>.Empty.Add(c, display) }, use, start, end, dosage, withoutStart);
    }

    public PatientBuilder WithMedication(
        CodedText medication,
        MedicationUse use = MedicationUse.Current,
        LocalDate? start = null,
        LocalDate? end = null,
        DosageFact? dosage = null,
        bool withoutStart = false)
    {
        var status = use switch
        {
            MedicationUse.Proposed => "draft",
            MedicationUse.Past => "completed",
            _ => "active",
        };
        _medications.Add(new MedicationFact
        {
            ResourceId = $"med-{_medications.Count + 1}",
            ResourceType = "MedicationRequest",
            Medication = medication,
            Use = use,
            Status = status,
            Intent = "order",
            Start = withoutStart ? null : start ?? new LocalDate(2024, 1, 1),
            End = end,
            Dosages = dosage is null ? [] : [dosage],
        });
        return this;
    }

    /// <summary>A medication known only by its name (no code), e.g. "Methotrexate 2.5 MG Oral Tablet".</summary>
    public PatientBuilder WithNamedMedication(
        string name, MedicationUse use = MedicationUse.Current, LocalDate? start = null, LocalDate? end = null, DosageFact? dosage = null) =>
        WithMedication(new CodedText([], name), use, start, end, dosage);

    /// <summary>A vaccine ordered as a medication, coded by CVX.</summary>
    public PatientBuilder WithVaccineOrder(string cvx, string display, MedicationUse use = MedicationUse.Proposed)
    {
        var c = new Code(CodeSystems.Cvx, cvx);
        return WithMedication(new CodedText([c], display) { Displays = ImmutableDictionary<Code, string>.Empty.Add(c, display) }, use, AsOf);
    }

    /// <summary>
    /// A MedicationRequest as a prescriber writes it: written on <paramref name="authored"/> for <paramref name="supplyDays"/>
    /// days (expectedSupplyDuration), in a category (community unless said: inpatient orders are outside the opioid guideline).
    /// </summary>
    public PatientBuilder WithOrder(
        string rxnorm, string display, LocalDate authored, decimal? supplyDays, DosageFact? dosage = null,
        MedicationUse use = MedicationUse.Current, string category = "community", string? id = null)
    {
        var c = new Code(CodeSystems.RxNorm, rxnorm);
        _medications.Add(new MedicationFact
        {
            ResourceId = id ?? $"med-{_medications.Count + 1}",
            ResourceType = "MedicationRequest",
            Medication = new CodedText([c], null) { Displays = ImmutableDictionary<Code, string>.Empty.Add(c, display) },
            Use = use,
            Status = use == MedicationUse.Proposed ? "draft" : use == MedicationUse.Past ? "completed" : "active",
            Intent = "order",
            Start = authored,
            End = null,
            Dosages = dosage is null ? [] : [dosage],
            Authored = authored,
            SupplyDays = supplyDays,
            Categories = [category],
        });
        return this;
    }

    public PatientBuilder WithProcedure(string system, string code, LocalDate performed, string status = "completed")
    {
        _procedures.Add(new ProcedureFact($"proc-{_procedures.Count + 1}", new CodedText([new Code(system, code)], null), status, performed));
        return this;
    }

    public PatientBuilder WithEncounter(string system, string code, LocalDate date, string status = "finished")
    {
        _encounters.Add(new EncounterFact($"enc-{_encounters.Count + 1}", new CodedText([new Code(system, code)], null), status, date, date));
        return this;
    }

    /// <summary>An inpatient stay ending in a discharge with the given disposition (SNOMED CT).</summary>
    public PatientBuilder WithDischarge(string disposition, LocalDate date, string status = "finished")
    {
        _encounters.Add(new EncounterFact($"enc-{_encounters.Count + 1}", CodedText.Empty, status, date, date)
        {
            DischargeDisposition = new CodedText([new Code(CodeSystems.Snomed, disposition)], null),
        });
        return this;
    }

    /// <summary>A visit on <paramref name="date"/> with an encounter diagnosis (Condition category encounter-diagnosis naming the visit).</summary>
    public PatientBuilder WithVisitDiagnosis(string system, string code, LocalDate date, ConditionClinicalStatus status = ConditionClinicalStatus.Resolved)
    {
        var encounter = $"enc-{_encounters.Count + 1}";
        _encounters.Add(new EncounterFact(encounter, new CodedText([new Code(CodeSystems.Snomed, "185463005")], null), "finished", date, date));
        _conditions.Add(new ConditionFact
        {
            ResourceId = $"cond-{_conditions.Count + 1}",
            Concept = new CodedText([new Code(system, code)], null),
            ClinicalStatus = status,
            VerificationStatus = ConditionVerificationStatus.Confirmed,
            Onset = date,
            Abatement = null,
            Recorded = date,
            Categories = ["encounter-diagnosis"],
            EncounterReference = $"Encounter/{encounter}",
        });
        return this;
    }

    public PatientBuilder WithServiceRequest(string system, string code, LocalDate authored, string status = "active")
    {
        _serviceRequests.Add(new ServiceRequestFact($"sr-{_serviceRequests.Count + 1}", new CodedText([new Code(system, code)], null), status, "order", authored));
        return this;
    }

    public PatientBuilder WithCarePlan(string system, string code, LocalDate created, string status = "active")
    {
        _carePlans.Add(new CarePlanFact($"plan-{_carePlans.Count + 1}", new CodedText([new Code(system, code)], null), status, created, null));
        return this;
    }

    public PatientBuilder WithProcedure(string system, string code)
    {
        _procedures.Add(new ProcedureFact($"proc-{_procedures.Count + 1}", new CodedText([new Code(system, code)], null), "completed", new LocalDate(2025, 1, 1)));
        return this;
    }

    /// <summary>A numeric result; <paramref name="unit"/> is written as the UCUM code unless <paramref name="unitText"/> says otherwise.</summary>
    public PatientBuilder WithResult(
        string loinc, decimal value, string unit, LocalDate date, decimal? referenceHigh = null, string status = "final", string? unitText = null, string? display = null)
    {
        var c = new Code(CodeSystems.Loinc, loinc);
        _observations.Add(new ObservationFact
        {
            ResourceId = $"obs-{_observations.Count + 1}",
            Concept = new CodedText([c], display ?? loinc),
            Status = status,
            Effective = date,
            Value = value,
            Unit = unitText ?? unit,
            UnitCode = unitText is null ? unit : null,
            ValueConcept = null,
            ValueText = null,
            ReferenceHigh = referenceHigh,
        });
        return this;
    }

    /// <summary>A qualitative result, as a string value.</summary>
    public PatientBuilder WithTextResult(string loinc, string text, LocalDate date) => QualitativeResult(loinc, date, null, text);

    /// <summary>A qualitative result, as a coded value.</summary>
    public PatientBuilder WithCodedResult(string loinc, string system, string code, string display, LocalDate date)
    {
        var value = new Code(system, code);
        return QualitativeResult(loinc, date, new CodedText([value], display) { Displays = ImmutableDictionary<Code, string>.Empty.Add(value, display) }, null);
    }

    private PatientBuilder QualitativeResult(string loinc, LocalDate date, CodedText? valueConcept, string? valueText)
    {
        _observations.Add(new ObservationFact
        {
            ResourceId = $"obs-{_observations.Count + 1}",
            Concept = new CodedText([new Code(CodeSystems.Loinc, loinc)], loinc),
            Status = "final",
            Effective = date,
            Value = null,
            Unit = null,
            UnitCode = null,
            ValueConcept = valueConcept,
            ValueText = valueText,
        });
        return this;
    }

    /// <summary>An observation built by the test itself (reference ranges, interpretation codes).</summary>
    public PatientBuilder WithObservation(ObservationFact observation)
    {
        _observations.Add(observation with { ResourceId = $"obs-{_observations.Count + 1}" });
        return this;
    }

    public PatientBuilder WithImmunization(string cvx, LocalDate date, string status = "completed", string display = "vaccine")
    {
        _immunizations.Add(new ImmunizationFact($"imm-{_immunizations.Count + 1}", new CodedText([new Code(CodeSystems.Cvx, cvx)], display), status, date));
        return this;
    }

    public PatientRecord Build() => new()
    {
        Id = "test-patient",
        BirthDate = _birthDate,
        Sex = _sex,
        Conditions = [.. _conditions],
        Medications = [.. _medications],
        Procedures = [.. _procedures],
        Observations = [.. _observations],
        Immunizations = [.. _immunizations],
        Encounters = [.. _encounters],
        CarePlans = [.. _carePlans],
        ServiceRequests = [.. _serviceRequests],
    };
}

/// <summary>FHIR dosages the way readers produce them.</summary>
public static class Dose
{
    /// <summary><paramref name="amount"/> <paramref name="unit"/>, <paramref name="frequency"/> times per <paramref name="period"/> <paramref name="periodUnit"/>.</summary>
    public static DosageFact Of(decimal amount, string? unit, int? frequency, decimal? period, string? periodUnit, bool asNeeded = false, string? text = null) =>
        new DosageFact
        {
            Text = text,
            DoseValue = amount,
            DoseUnit = unit,
            Frequency = frequency,
            Period = period,
            PeriodUnit = periodUnit,
            AsNeeded = asNeeded,
            Route = "oral",
        };

    public static DosageFact MgDaily(decimal mg, int timesPerDay = 1) => Of(mg, "mg", timesPerDay, 1, "d");

    public static DosageFact TextOnly(string text, decimal amount = 1, string? unit = "tablet") => new DosageFact
    {
        Text = text,
        DoseValue = amount,
        DoseUnit = unit,
        Frequency = null,
        Period = null,
        PeriodUnit = null,
        AsNeeded = false,
        Route = "oral",
    };
}
