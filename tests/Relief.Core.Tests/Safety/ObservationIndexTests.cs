using Relief.Core.Assessment;
using Relief.Core.Safety;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Safety;

/// <summary>
/// The observation index files each usable result under every test its code belongs to, newest first, in one pass
/// (placements kept in a pooled buffer that grows when a code belongs to two tests: LOINC 8636-3, QTc, is both the
/// "qtc" and the "ecg" test of knowledge/monitoring.yaml).
/// </summary>
public class ObservationIndexTests
{
    private static ObservationIndex Index(PatientBuilder patient)
    {
        var knowledge = TestKnowledge.Real;
        var context = new SafetyContext(patient.Build(), AsOf, knowledge, [], f => new ResolvedMedication(f, MedicationResolver.Resolve(f.Medication, knowledge)));
        return context.Observations;
    }

    [Fact]
    public void A_code_of_two_tests_is_filed_under_both_newest_first_however_many_results()
    {
        var patient = new PatientBuilder().Aged(50);
        for (var i = 0; i < 40; i++)
        {
            patient.WithResult("8636-3", 400 + i, "ms", AsOf.PlusDays(-10 * (i + 1)));
        }

        foreach (var test in new[] { "qtc", "ecg" })
        {
            var results = Index(patient).Results(test);
            Assert.Equal(40, results.Count);
            Assert.Equal(AsOf.PlusDays(-10), results[0].Effective);
            Assert.Equal(400m, results[0].Value);
            Assert.Equal(AsOf.PlusDays(-400), results[^1].Effective);
            Assert.True(results.Zip(results.Skip(1)).All(pair => pair.First.Effective >= pair.Second.Effective));
        }
    }

    [Fact]
    public void Results_after_asOf_and_undated_or_unusable_results_are_not_filed()
    {
        var patient = new PatientBuilder().Aged(50)
            .WithResult("8636-3", 450, "ms", AsOf.PlusDays(1))
            .WithResult("8636-3", 440, "ms", AsOf.PlusDays(-3), status: "entered-in-error")
            .WithResult("8636-3", 430, "ms", AsOf.PlusDays(-5));

        var results = Index(patient).Results("qtc");

        Assert.Equal(430m, Assert.Single(results).Value);
    }

    [Fact]
    public void A_record_with_no_result_of_any_test_has_empty_lists()
    {
        var index = Index(new PatientBuilder().Aged(50).WithResult("0000-0", 1, "1", AsOf.PlusDays(-1)));

        Assert.Empty(index.Results("qtc"));
        Assert.Null(index.Latest("qtc", AsOf, null));
    }
}
