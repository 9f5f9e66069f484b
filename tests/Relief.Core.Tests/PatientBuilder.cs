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
    private LocalDate? _birthDate = new LocalDate(1970, 1, 1);

    public static readonly LocalDate AsOf = new(2026, 11, 21);

    public PatientBuilder Born(int year, int month, int day)
    {
        _birthDate = new LocalDate(year, month, day);
        return this;
    }

    public PatientBuilder WithCondition(
        string system,
        string code,
        string display = "condition",
        ConditionClinicalStatus status = ConditionClinicalStatus.Active,
        ConditionVerificationStatus verification = ConditionVerificationStatus.Confirmed,
        LocalDate? recorded = null)
    {
        var c = new Code(system, code);
        _conditions.Add(new ConditionFact(
            $"cond-{_conditions.Count + 1}",
            new CodedText([c], display) { Displays = ImmutableDictionary<Code, string>.Empty.Add(c, display) },
            status,
            verification,
            new LocalDate(2020, 1, 1),
            null,
            recorded));
        return this;
    }

    public PatientBuilder WithMedication(
        string rxnorm, string display, MedicationUse use = MedicationUse.Current, LocalDate? start = null)
    {
        var c = new Code(CodeSystems.RxNorm, rxnorm);
        return WithMedication(new CodedText([c], null) { Displays = ImmutableDictionary<Code, string>.Empty.Add(c, display) }, use, start);
    }

    public PatientBuilder WithMedication(CodedText medication, MedicationUse use = MedicationUse.Current, LocalDate? start = null)
    {
        _medications.Add(new MedicationFact(
            $"med-{_medications.Count + 1}", "MedicationRequest", medication, use,
            use == MedicationUse.Proposed ? "draft" : "active", "order", start ?? new LocalDate(2024, 1, 1), null));
        return this;
    }

    public PatientBuilder WithProcedure(string system, string code)
    {
        _procedures.Add(new ProcedureFact($"proc-{_procedures.Count + 1}", new CodedText([new Code(system, code)], null), "completed", new LocalDate(2025, 1, 1)));
        return this;
    }

    public PatientRecord Build() => new()
    {
        Id = "test-patient",
        BirthDate = _birthDate,
        Sex = AdministrativeSex.Female,
        Conditions = [.. _conditions],
        Medications = [.. _medications],
        Procedures = [.. _procedures],
    };
}
