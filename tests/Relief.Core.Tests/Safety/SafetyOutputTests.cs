using System.Text.Json;
using System.Text.Json.Serialization;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>The findings as a contract: ordered vocabularies, stable order, serialisable, every finding cited.</summary>
public class SafetyOutputTests
{
    /// <summary>An older adult with many findings of every family.</summary>
    private static PatientBuilder Busy() => new PatientBuilder().Aged(79)
        .WithCondition(CodeSystems.Snomed, "161898004", "Falls")
        .WithMedication(Rx.Oxycodone, "oxycodone", start: Date(2025, 2, 10), dosage: Dose.Of(5, "mg", 1, 6, "h", asNeeded: true))
        .WithMedication(Rx.Lorazepam, "lorazepam", start: Date(2024, 11, 4), dosage: Dose.MgDaily(0.5m))
        .WithMedication(Rx.Pregabalin, "pregabalin", start: Date(2025, 6, 9), dosage: Dose.MgDaily(75, 2))
        .WithMedication(Rx.Amitriptyline, "amitriptyline", start: Date(2026, 5, 18), dosage: Dose.MgDaily(10))
        .WithMedication(Rx.Methotrexate, "methotrexate", start: Date(2026, 1, 1), dosage: Dose.Of(15, "mg", 1, 1, "d"))
        .WithResult(Loinc.Creatinine, 1.0m, "mg/dL", Date(2026, 10, 27))
        .WithResult(Loinc.Weight, 58, "kg", Date(2026, 10, 27))
        .WithResult(Loinc.Wbc, 3.0m, "10*3/uL", Date(2026, 10, 27))
        .WithResult(Loinc.PainNrs, 7, "{score}", Date(2026, 5, 18))
        .WithResult(Loinc.PainNrs, 6, "{score}", Date(2026, 10, 27));

    [Fact]
    public void Severity_vocabularies_are_ordered_most_severe_first_and_written_kebab_case()
    {
        Assert.True(CautionSeverity.Contraindicated < CautionSeverity.Avoid && CautionSeverity.Avoid < CautionSeverity.Caution);
        Assert.True(InteractionSeverity.Contraindicated < InteractionSeverity.Major && InteractionSeverity.Major < InteractionSeverity.Moderate);
        Assert.True(DoseSeverity.Major < DoseSeverity.Moderate);
        Assert.True(MonitoringFindingKind.ThresholdBreached < MonitoringFindingKind.BaselineMissing && MonitoringFindingKind.Overdue < MonitoringFindingKind.Consider);
        Assert.True(MonitoringAction.Stop < MonitoringAction.WithholdAndDiscuss && MonitoringAction.Investigate < MonitoringAction.Review);
        Assert.Equal("withhold-and-discuss", WireName.Of(MonitoringAction.WithholdAndDiscuss));
        Assert.Equal("threshold-breached", WireName.Of(MonitoringFindingKind.ThresholdBreached));
        Assert.True(WireName.TryParse<CautionSeverity>("contraindicated", out var parsed) && parsed == CautionSeverity.Contraindicated);
    }

    [Fact]
    public void Every_family_is_in_the_one_finding_order()
    {
        var assessment = Assess(Busy());
        var order = assessment.Findings.Select(f => (f.Family, f.RuleId)).ToList();

        // Each family's detail array lists its findings in the order they appear in Findings.
        void InOrder(FindingFamily family, IEnumerable<string> ruleIds)
        {
            var expected = order.Where(o => o.Family == family).Select(o => o.RuleId).ToList();
            Assert.Equal(expected, ruleIds.ToList());
        }

        Assert.NotEmpty(assessment.Safety.Cautions);
        InOrder(FindingFamily.Caution, assessment.Safety.Cautions.Select(c => c.RuleId));
        InOrder(FindingFamily.Interaction, assessment.Safety.Interactions.Select(c => c.RuleId));
        InOrder(FindingFamily.Dose, assessment.Safety.Doses.Select(c => c.RuleId));
        InOrder(FindingFamily.Monitoring, assessment.Monitoring.Select(c => c.RuleId));
        InOrder(FindingFamily.Response, assessment.Response.Select(c => c.RuleId));
        Assert.Equal(assessment.Findings.Order(Relief.Core.Assessment.Findings.FindingOrder.Instance), assessment.Findings);
    }

    [Fact]
    public void The_same_record_in_another_order_gives_the_same_findings()
    {
        var record = Busy().Build();
        var shuffled = record with
        {
            Medications = [.. record.Medications.Reverse()],
            Observations = [.. record.Observations.Reverse()],
            Conditions = [.. record.Conditions.Reverse()],
        };

        // The evidence review keeps record order by design; the safety findings must not depend on it.
        static string Safety(Relief.Core.Assessment.PatientAssessment a) =>
            JsonSerializer.Serialize(new { a.Safety, a.Monitoring, a.Response, a.DataQuality }, new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } });

        var first = Assess(record);
        Assert.NotEmpty(first.Safety.Cautions);
        Assert.Equal(Safety(first), Safety(Assess(shuffled)));
    }

    [Fact]
    public void Findings_serialise_to_json_without_cycles()
    {
        var json = Json(Assess(Busy()));

        using var document = JsonDocument.Parse(json);
        var safety = document.RootElement.GetProperty("Safety");
        Assert.True(safety.GetProperty("Cautions").GetArrayLength() > 0);
        Assert.Equal("Caution", safety.GetProperty("Cautions")[0].GetProperty("Family").GetString());
        Assert.True(document.RootElement.GetProperty("Monitoring").GetArrayLength() > 0);
        Assert.True(document.RootElement.GetProperty("Response").GetArrayLength() > 0);
    }

    [Fact]
    public void Every_finding_cites_its_sources_with_citation_and_year()
    {
        var assessment = Assess(Busy());
        var sources = assessment.Safety.Cautions.SelectMany(c => c.Sources)
            .Concat(assessment.Safety.Interactions.SelectMany(i => i.Sources))
            .Concat(assessment.Safety.Doses.SelectMany(d => d.Sources))
            .Concat(assessment.Monitoring.SelectMany(m => m.Sources))
            .Concat(assessment.Response.SelectMany(r => r.Sources))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.True(TestKnowledge.Real.Sources.ContainsKey(s.Id) && s.Year >= 1970 && s.Citation.Length > 0, s.Id));
        Assert.All(assessment.Safety.Cautions, c => Assert.NotEmpty(c.Sources));
        Assert.All(assessment.Safety.Interactions, c => Assert.NotEmpty(c.Sources));
        Assert.All(assessment.Safety.Doses, c => Assert.NotEmpty(c.Sources));
        Assert.All(assessment.Monitoring, c => Assert.NotEmpty(c.Sources));
    }

    [Fact]
    public void Every_finding_names_the_medication_that_triggered_it()
    {
        var assessment = Assess(Busy());

        Assert.All(assessment.Safety.Cautions, c => Assert.StartsWith("MedicationRequest/", c.Facts[0].Reference, StringComparison.Ordinal));
        Assert.All(assessment.Safety.Interactions, i => Assert.Contains(i.Facts, f => f.ResourceType == "MedicationRequest"));
        Assert.All(assessment.Safety.Doses, d => Assert.Contains(d.Facts, f => f.ResourceType == "MedicationRequest"));
        Assert.All(assessment.Monitoring, m => Assert.NotEmpty(m.Medications));
    }

    [Fact]
    public void A_patient_without_medications_has_no_safety_findings()
    {
        var assessment = Assess(new PatientBuilder().Aged(80).WithCondition(CodeSystems.Snomed, "161898004", "Falls"));

        Assert.Empty(assessment.Safety.Cautions);
        Assert.Empty(assessment.Safety.Interactions);
        Assert.Empty(assessment.Safety.Doses);
        Assert.Empty(assessment.Monitoring);
        Assert.Empty(assessment.Response);
        Assert.Empty(assessment.DataQuality);
    }

    [Fact]
    public void The_miniature_knowledge_base_runs_its_own_rules()
    {
        // Made-up rules, real engine: the opioid caution from 65 and the SSRI + opioid pair.
        var assessment = new Relief.Core.Assessment.Assessor(TestKnowledge.Mini).Assess(
            new PatientBuilder().Aged(70).WithMedication("7804", "oxycodone").WithMedication("36437", "sertraline").Build(), AsOf);

        Assert.Equal("opioid-older-adults", Assert.Single(assessment.Safety.Cautions).RuleId);
        Assert.Equal("ssri-opioid", Assert.Single(assessment.Safety.Interactions).RuleId);
    }

    private static string Json(Relief.Core.Assessment.PatientAssessment assessment) =>
        JsonSerializer.Serialize(assessment, new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } });
}
