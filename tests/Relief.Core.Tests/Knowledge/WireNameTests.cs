using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Tests.Knowledge;

/// <summary>Wire names come from a per-enum table; what they spell must not change (the JSON contract and the YAML read them).</summary>
public class WireNameTests
{
    [Fact]
    public void Declared_values_are_spelled_in_kebab_case_and_parse_back()
    {
        Assert.Equal("contraindicated", WireName.Of(CautionSeverity.Contraindicated));
        Assert.Equal("withhold-and-discuss", WireName.Of(MonitoringAction.WithholdAndDiscuss));
        Assert.Equal("too-early", WireName.Of(ResponseDecisionKind.TooEarly));
        foreach (var value in Enum.GetValues<DoseRuleKind>())
        {
            Assert.True(WireName.TryParse<DoseRuleKind>(WireName.Of(value), out var parsed));
            Assert.Equal(value, parsed);
        }
    }

    [Fact]
    public void A_value_the_enum_does_not_declare_is_spelled_from_its_number()
    {
        Assert.Equal("42", WireName.Of((CautionSeverity)42));
        Assert.False(WireName.TryParse<CautionSeverity>("42", out _));
    }
}
