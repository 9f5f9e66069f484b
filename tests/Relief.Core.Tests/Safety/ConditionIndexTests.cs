using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Core.Safety;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// <see cref="ConditionIndex"/> scans a record with few conditions and builds a table for a larger one. Differential: on
/// the same records, the scan and the table must give the same conditions for every code (the record's, a miss), in the
/// same order and as often, and the same ICD-10-CM list; and a factor must read the same either way.
/// </summary>
public class ConditionIndexTests
{
    private static PatientRecord Record(int copies)
    {
        var patient = new PatientBuilder().Aged(70);
        for (var i = 0; i < copies; i++)
        {
            patient
                .WithCondition(CodeSystems.Snomed, "203082005", "Fibromyalgia")
                .WithCondition(CodeSystems.Icd10Cm, "N18.4", "Chronic kidney disease, stage 4")
                .WithCondition(CodeSystems.Icd10Cm, "K74.60", "Cirrhosis of liver", status: ConditionClinicalStatus.Resolved)
                .WithCondition(CodeSystems.Snomed, "84114007", "Heart failure");
        }

        return patient.Build();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void The_scan_and_the_table_give_the_same_conditions_for_every_code(int copies)
    {
        var record = Record(copies);
        var scan = new ConditionIndex(record, scanUpTo: int.MaxValue);
        var table = new ConditionIndex(record, scanUpTo: 0);
        var codes = record.Conditions.SelectMany(c => c.Concept.Codes).Append(new Code(CodeSystems.Snomed, "73211009")).Distinct().ToList();

        foreach (var code in codes)
        {
            Assert.Equal(table.With(code), scan.With(code));
        }

        Assert.Equal(copies, scan.With(new Code(CodeSystems.Snomed, "203082005")).Count);
        Assert.Empty(scan.With(new Code(CodeSystems.Snomed, "73211009")));
        Assert.Equal(table.Icd10Cm, scan.Icd10Cm);
        Assert.Equal(2 * copies, scan.Icd10Cm.Count);
    }

    [Fact]
    public void A_record_without_conditions_has_no_match_and_no_icd10cm_code()
    {
        var index = new ConditionIndex(new PatientBuilder().Aged(40).Build());

        Assert.Empty(index.With(new Code(CodeSystems.Snomed, "203082005")));
        Assert.Empty(index.Icd10Cm);
    }

    [Fact]
    public void A_kidney_factor_reads_the_same_from_a_small_record_as_from_a_large_one()
    {
        // Stage 4 CKD by ICD-10-CM: the NSAID caution on kidney disease fires on both sides of the threshold.
        var small = Assess(Record(1) with { Medications = [Naproxen()] });
        var large = Assess(Record(3) with { Medications = [Naproxen()] });

        var smallRules = small.Safety.Cautions.Select(c => c.RuleId).Order().ToList();
        Assert.NotEmpty(smallRules);
        Assert.Equal(smallRules, large.Safety.Cautions.Select(c => c.RuleId).Order().ToList());
    }

    private static MedicationFact Naproxen() =>
        new PatientBuilder().WithMedication(Rx.Naproxen, "naproxen 500 MG Oral Tablet").Build().Medications[0];
}
