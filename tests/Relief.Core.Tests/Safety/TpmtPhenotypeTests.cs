using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// TPMT results read as a phenotype (issue 6, 1.2; CPIC 2018): words, diplotypes and numeric activity with its
/// reference range or interpretation code. A result that cannot be read neither reassures nor counts as tested.
/// </summary>
public class TpmtPhenotypeTests
{
    private const string Activity = "21563-2";
    private const string Interpretation = "79713-4";
    private static readonly string V3 = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    private static ObservationFact ActivityResult(decimal value, decimal? low, decimal? high, string? interpretation = null) =>
        new ObservationFact
        {
            ResourceId = "x",
            Concept = new CodedText([new Code(CodeSystems.Loinc, Activity)], "TPMT RBC"),
            Status = "final",
            Effective = Date(2026, 6, 1),
            Value = value,
            Unit = "U/mL",
            UnitCode = "U/mL",
            ValueConcept = null,
            ValueText = null,
            ReferenceLow = low,
            ReferenceHigh = high,
            Interpretation = interpretation is null ? [] : [new Code(V3, interpretation)],
        };

    private static PatientAssessment ProposedAzathioprine(Func<PatientBuilder, PatientBuilder> tpmt) =>
        Assess(tpmt(new PatientBuilder().Aged(50).WithMedication(Rx.Azathioprine, "azathioprine", MedicationUse.Proposed, AsOf)));

    private static string[] TpmtCautions(PatientAssessment assessment) =>
        [.. assessment.Safety.Cautions.Select(c => c.RuleId).Where(r => r.StartsWith("azathioprine-tpmt", StringComparison.Ordinal)).Order()];

    private static bool TpmtBaselineMissing(PatientAssessment assessment) =>
        assessment.Monitoring.Any(m => m.Kind == MonitoringFindingKind.BaselineMissing && m.TestIds.Contains("tpmt-phenotype"));

    [Fact]
    public void Activity_below_the_reference_range_reads_as_reduced_function()
    {
        var assessment = ProposedAzathioprine(p => p.WithObservation(ActivityResult(8, 15, 35)));

        Assert.Equal(["azathioprine-tpmt-reduced"], TpmtCautions(assessment));
        Assert.False(TpmtBaselineMissing(assessment));
    }

    [Fact]
    public void Normal_activity_gives_no_tpmt_finding_and_satisfies_the_baseline()
    {
        var assessment = ProposedAzathioprine(p => p.WithObservation(ActivityResult(24, 15, 35)));

        Assert.Empty(TpmtCautions(assessment));
        Assert.False(TpmtBaselineMissing(assessment));
    }

    [Fact]
    public void A_low_interpretation_code_reads_as_reduced_without_a_range()
    {
        Assert.Equal(["azathioprine-tpmt-reduced"], TpmtCautions(ProposedAzathioprine(p => p.WithObservation(ActivityResult(8, null, null, "L")))));
        Assert.Empty(TpmtCautions(ProposedAzathioprine(p => p.WithObservation(ActivityResult(24, null, null, "N")))));
    }

    [Theory]
    [InlineData("*1/*1", new string[0])]
    [InlineData("TPMT *1/*3A", new[] { "azathioprine-tpmt-reduced" })]
    [InlineData("*3A/*3C", new[] { "azathioprine-tpmt-poor", "azathioprine-tpmt-reduced" })]
    public void A_diplotype_reads_by_its_count_of_no_function_alleles(string diplotype, string[] expected)
    {
        Assert.Equal(expected, TpmtCautions(ProposedAzathioprine(p => p.WithTextResult("93193-1", diplotype, Date(2026, 6, 1)))));
    }

    [Theory]
    [InlineData("Poor metabolizer", new[] { "azathioprine-tpmt-poor", "azathioprine-tpmt-reduced" })]
    [InlineData("Intermediate metabolizer", new[] { "azathioprine-tpmt-reduced" })]
    [InlineData("Normal metabolizer", new string[0])]
    public void Phenotype_words_are_read(string text, string[] expected)
    {
        Assert.Equal(expected, TpmtCautions(ProposedAzathioprine(p => p.WithTextResult(Interpretation, text, Date(2026, 6, 1)))));
    }

    [Fact]
    public void An_activity_without_range_or_interpretation_is_not_tested_and_says_so()
    {
        var assessment = ProposedAzathioprine(p => p.WithObservation(ActivityResult(8, null, null)));

        Assert.Empty(TpmtCautions(assessment));
        var baseline = Assert.Single(assessment.Monitoring, m => m.Kind == MonitoringFindingKind.BaselineMissing && m.TestIds.Contains("tpmt-phenotype"));
        Assert.Contains("could not be read as a phenotype", baseline.Note, StringComparison.Ordinal);
        Assert.Contains(assessment.DataQuality, q => q.Kind == DataQualityKind.PhenotypeUnreadable);
    }

    [Fact]
    public void A_diplotype_with_an_allele_of_uncertain_function_is_not_read()
    {
        var assessment = ProposedAzathioprine(p => p.WithTextResult("93193-1", "*1/*8", Date(2026, 6, 1)));

        Assert.Empty(TpmtCautions(assessment));
        Assert.True(TpmtBaselineMissing(assessment));
    }
}
