using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Fhir.Reading;
using Relief.Fhir.Tests.Support;

using Relief.Tests.Opioids;

namespace Relief.Fhir.Tests.Opioids;

/// <summary>
/// Whole records from the AHRQ chronic-pain projects (../shared/data), assessed a few weeks after their last opioid
/// order: the opioid findings a clinician reading the chart would expect, and none of the ones they would not.
/// </summary>
[Trait("Requires", "shared-data")]
public class WholeRecordTests
{
    private static List<Finding> Opioid(string file, int year, int month, int day)
    {
        var read = FhirBundleReader.ReadFile(Path.Combine(RepositoryPaths.SharedData, file));
        Assert.True(read.Succeeded, read.Error?.Message);
        var assessment = new Assessor(ReferenceAnswer.Knowledge).Assess(read.Record!, new LocalDate(year, month, day));
        return [.. assessment.Findings.Where(f => f.Family == FindingFamily.Opioid)];
    }

    private static bool Has(List<Finding> findings, string rule) => findings.Any(f => f.RuleId == rule && !f.Unchecked);

    [Fact]
    public void Brenda_on_long_term_extended_release_oxycodone_without_a_dose_gets_no_false_alarm()
    {
        var findings = Opioid("pain-summary-patients/brenda_jackson.json", 2023, 8, 15);

        // Her opiate screens are positive while she takes oxycodone: a screen is not called unexpected then.
        Assert.False(Has(findings, "cdc-2022/rec-10-unprescribed-opioid"));

        // Renewed every three months for years: not a new start on an ER/LA opioid.
        Assert.False(Has(findings, "cdc-2022/rec-3-immediate-release"));

        // Her orders carry no dosage, so the overdose risk from the dose is said to be unjudged, not cleared.
        Assert.Contains(findings, f => f.RuleId == "cdc-2022/rec-8-naloxone" && f.Unchecked);
    }

    [Fact]
    public void Alpha_delta_on_oxycodone_and_temazepam_without_naloxone()
    {
        var findings = Opioid("cds4cpm-bundles/UFLPatients/AlphaDeltaBundle.json", 2023, 4, 15);
        Assert.Equal(Severity.Major, Assert.Single(findings, f => f.RuleId == "cdc-2022/rec-11-benzodiazepine").Severity);
        Assert.True(Has(findings, "cdc-2022/rec-8-naloxone"));
        Assert.True(Has(findings, "cdc-2022/rec-10-no-screening"));
        Assert.False(Has(findings, "cdc-2022/rec-3-immediate-release"));
    }

    [Fact]
    public void Zach_baker_on_oxycodone_and_clonazepam()
    {
        var findings = Opioid("cds4cpm-bundles/UFLPatients/ZachBakerbundle.json", 2023, 2, 15);
        Assert.True(Has(findings, "cdc-2022/rec-11-benzodiazepine"));
        Assert.True(Has(findings, "cdc-2022/rec-8-naloxone"));
    }

    [Fact]
    public void Tommy_jones_newly_started_on_two_extended_release_oxycodone_products_at_180_mme()
    {
        var findings = Opioid("cds4cpm-bundles/UFLPatients/TommyJonesBundle.json", 2023, 3, 25);
        Assert.Equal(2, findings.Count(f => f.RuleId == "cdc-2022/rec-3-immediate-release"));
        var naloxone = Assert.Single(findings, f => f.RuleId == "cdc-2022/rec-8-naloxone");
        Assert.Equal(180m, naloxone.Computed.Single(c => c.Name == "mme-daily").Value);

        // Cyclobenzaprine is a muscle relaxant, not a benzodiazepine.
        Assert.False(Has(findings, "cdc-2022/rec-11-benzodiazepine"));
    }

    [Fact]
    public void Sharon_already_has_naloxone_but_takes_temazepam_with_her_opioid()
    {
        var findings = Opioid("cds4cpm-bundles/sharonDecisionCompleteBundle.json", 2022, 8, 1);
        Assert.True(Has(findings, "cdc-2022/rec-11-benzodiazepine"));
        Assert.False(Has(findings, "cdc-2022/rec-8-naloxone"));
    }

    [Fact]
    public void A_first_fentanyl_patch_of_75_mcg_per_hour()
    {
        var findings = Opioid("cds4cpm-bundles/mr_india.json", 2020, 9, 1);
        Assert.True(Has(findings, "cdc-2022/rec-3-immediate-release"));
        Assert.Equal(180m, Assert.Single(findings, f => f.RuleId == "cdc-2022/rec-8-naloxone").Computed.Single(c => c.Name == "mme-daily").Value);
    }
}
