using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Core.Safety;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// <see cref="SafetyEngine"/> skips the safety context for a record with no current, proposed or past medication and
/// no immunization (most screened records). Differential: on such records the full checks over a context must find
/// nothing either, and on records with something to check both paths must give the same findings.
/// </summary>
public class SafetyShortcutTests
{
    private static readonly Assessor Engine = SafetyKit.Assessor;

    // Records with conditions, results and scores a rule reads, but nothing a rule starts from.
    public static TheoryData<string> NothingToStartFrom => ["pregnant-ckd", "old-liver", "pain-scores", "entered-in-error"];

    private static PatientRecord Record(string name) => name switch
    {
        "pregnant-ckd" => new PatientBuilder().Aged(34).WithSex(AdministrativeSex.Female)
            .WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: AsOf.PlusDays(-40))
            .WithCondition(CodeSystems.Icd10Cm, "N18.5", "Chronic kidney disease, stage 5")
            .WithResult(Loinc.Creatinine, 4.1m, "mg/dL", AsOf.PlusDays(-10)).Build(),
        "old-liver" => new PatientBuilder().Aged(88)
            .WithCondition(CodeSystems.Icd10Cm, "K74.60", "Cirrhosis of liver")
            .WithResult(Loinc.Creatinine, -1m, "mg/dL", AsOf.PlusDays(-3)).Build(),
        "pain-scores" => new PatientBuilder().Aged(50)
            .WithResult(Loinc.PainNrs, 8, "{score}", AsOf.PlusDays(-200)).WithResult(Loinc.PainNrs, 15, "{score}", AsOf.PlusDays(-20)).Build(),
        "entered-in-error" => new PatientBuilder().Aged(40)
            .WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Invalid).Build(),
        "stopped-leflunomide" => new PatientBuilder().Aged(32).WithSex(AdministrativeSex.Female)
            .WithCondition(CodeSystems.Icd10Cm, "Z34.01", "Normal first pregnancy", onset: AsOf.PlusDays(-40))
            .WithMedication(Rx.Leflunomide, "leflunomide", MedicationUse.Past, Date(2024, 1, 1), AsOf.PlusDays(-200)).Build(),
        "live-vaccine-on-adalimumab" => new PatientBuilder().Aged(60)
            .WithMedication(Rx.Adalimumab, "adalimumab", start: Date(2025, 1, 1)).WithImmunization("121", Date(2026, 10, 10), display: "zoster live").Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static SafetyResults Full(PatientRecord record) =>
        SafetyEngine.Assess(new SafetyContext(record, AsOf, Engine.Knowledge, Active(record), Resolve));

    private static SafetyResults Shortcut(PatientRecord record) =>
        SafetyEngine.Assess(record, AsOf, Engine.Knowledge, Active(record), Resolve);

    private static readonly ResolvedConcepts Concepts = ResolvedConcepts.For(Engine.Knowledge);

    private static ResolvedMedication Resolve(MedicationFact fact) => new(fact, Concepts.Resolve(fact.Medication));

    private static System.Collections.Immutable.ImmutableArray<ResolvedMedication> Active(PatientRecord record) =>
        [.. record.Medications.Where(m => m.Use is MedicationUse.Current or MedicationUse.Proposed).Select(Resolve)];

    private static string Describe(SafetyResults results) => string.Join(" | ",
        results.Report.Cautions.Select(c => $"caution {c.RuleId} {string.Join(",", c.Notes)}")
            .Concat(results.Report.Interactions.Select(i => $"interaction {i.RuleId}"))
            .Concat(results.Report.Doses.Select(d => $"dose {d.RuleId}"))
            .Concat(results.Monitoring.Select(m => $"monitoring {m.ProtocolId} {m.Kind}"))
            .Concat(results.Response.Select(r => $"response {r.IngredientId}"))
            .Concat(results.DataQuality.Select(q => $"quality {q.Kind} {q.Message}"))
            .Concat(results.Unrecognised.Select(u => $"unrecognised {u.Code}")));

    [Theory]
    [MemberData(nameof(NothingToStartFrom))]
    public void The_full_checks_find_nothing_where_the_shortcut_skips_them(string name)
    {
        var record = Record(name);

        Assert.Equal("", Describe(Full(record)));
        Assert.Equal("", Describe(Shortcut(record)));
    }

    [Theory]
    [InlineData("stopped-leflunomide", "caution leflunomide-stopped-pregnancy")]
    [InlineData("live-vaccine-on-adalimumab", "interaction")]
    public void A_past_order_or_an_immunization_still_runs_the_checks(string name, string expected)
    {
        var record = Record(name);
        var full = Describe(Full(record));

        Assert.Contains(expected, full);
        Assert.Equal(full, Describe(Shortcut(record)));
    }
}
