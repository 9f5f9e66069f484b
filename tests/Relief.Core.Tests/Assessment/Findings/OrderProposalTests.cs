using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Core.Tests.Safety;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Assessment.Findings;

/// <summary>A missing baseline carries the tests to order, by LOINC, so front ends can offer the order; other findings carry none.</summary>
public class OrderProposalTests
{
    [Fact]
    public void A_missing_baseline_proposes_each_missing_test_as_a_ServiceRequest_coded_by_LOINC()
    {
        var assessment = Assess(new PatientBuilder().WithMedication(Rx.Methotrexate, "methotrexate", MedicationUse.Proposed, AsOf));

        var baseline = assessment.Findings.First(f => f.Family == FindingFamily.Monitoring && f.Kind == "baseline-missing");
        Assert.NotEmpty(baseline.Proposals);
        Assert.All(baseline.Proposals, p =>
        {
            Assert.Equal("ServiceRequest", p.ResourceType);
            Assert.Equal(CodeSystems.Loinc, p.Code.System);
            Assert.False(string.IsNullOrWhiteSpace(p.Display));
        });
    }

    [Fact]
    public void Findings_other_than_monitoring_propose_no_order()
    {
        var assessment = Assess(new PatientBuilder()
            .WithMedication(Rx.Sertraline, "sertraline", MedicationUse.Proposed, AsOf)
            .WithMedication(Rx.Tramadol, "tramadol 50 MG"));

        Assert.All(assessment.Findings.Where(f => f.Family != FindingFamily.Monitoring), f => Assert.Empty(f.Proposals));
    }
}
