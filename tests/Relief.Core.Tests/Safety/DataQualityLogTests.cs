using Relief.Core.Assessment.Safety;
using Relief.Core.Safety;

namespace Relief.Core.Tests.Safety;

/// <summary>Data-quality notes: each said once, however many rules trip over the same gap, in a stable order.</summary>
public class DataQualityLogTests
{
    [Fact]
    public void The_same_note_from_two_rules_is_kept_once()
    {
        var log = new DataQualityLog();
        log.Add(DataQualityKind.RenalFunctionUnknown, "no creatinine", "Patient/p", "crcl-below-30");
        log.Add(DataQualityKind.RenalFunctionUnknown, "no creatinine", "Patient/p", "crcl-below-30");

        Assert.Single(log.ToImmutable());
    }

    [Fact]
    public void Notes_that_differ_in_resource_or_rule_are_all_kept()
    {
        var log = new DataQualityLog();
        log.Add(DataQualityKind.UnconvertibleUnit, "unit", "Observation/a", "r1");
        log.Add(DataQualityKind.UnconvertibleUnit, "unit", "Observation/b", "r1");
        log.Add(DataQualityKind.UnconvertibleUnit, "unit", "Observation/a", "r2");

        Assert.Equal(3, log.ToImmutable().Length);
    }

    [Fact]
    public void Notes_come_out_by_kind_then_rule_then_resource_whatever_order_they_were_found_in()
    {
        var log = new DataQualityLog();
        log.Add(DataQualityKind.MmeIncomplete, "mme", null, "mme");
        log.Add(DataQualityKind.UnconvertibleUnit, "unit", "Observation/b", "r1");
        log.Add(DataQualityKind.UnconvertibleUnit, "unit", "Observation/a", "r1");

        Assert.Equal(
            [(DataQualityKind.UnconvertibleUnit, "Observation/a"), (DataQualityKind.UnconvertibleUnit, "Observation/b"), (DataQualityKind.MmeIncomplete, (string?)null)],
            log.ToImmutable().Select(n => (n.Kind, n.Resource)));
    }
}
