using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Patients;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

public class ObservationTests
{
    private const string PainScore = """ "code": { "coding": [ { "system": "http://loinc.org", "code": "72514-3", "display": "Pain severity" } ] } """;

    private static (IReadOnlyList<ObservationFact> Facts, IReadOnlyList<string> Warnings) Read(string elements)
    {
        var result = Bundles.ReadOk(Bundles.With($$"""{ "resourceType": "Observation", "id": "o1", "status": "final", {{Bundles.Subject}}, {{elements}} }"""));
        return (result.Record!.Observations, result.Warnings.Select(w => w.Message).ToList());
    }

    [Fact]
    public void Quantity_value_keeps_unit_and_ucum_code()
    {
        var (facts, warnings) = Read($$"""
            {{PainScore}}, "effectiveDateTime": "2020-02-03T10:00:00+01:00",
            "valueQuantity": { "value": 7, "unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}" }
            """);
        var fact = Assert.Single(facts);
        Assert.Equal(("o1", "final", new LocalDate(2020, 2, 3), 7m, "{score}", "{score}"),
            (fact.ResourceId, fact.Status, fact.Effective!.Value, fact.Value!.Value, fact.Unit, fact.UnitCode));
        Assert.Equal([new Code(CodeSystems.Loinc, "72514-3")], fact.Concept.Codes.ToArray());
        Assert.Empty(warnings);
    }

    [Fact]
    public void Unit_code_of_another_system_is_not_a_ucum_code()
    {
        var fact = Assert.Single(Read(""" "valueQuantity": { "value": 60, "unit": "MME/day", "system": "http://example.org/units", "code": "mme" } """).Facts);
        Assert.Equal(("MME/day", null), (fact.Unit, fact.UnitCode));
    }

    [Fact]
    public void Interpretation_codes_and_the_reference_range_are_read()
    {
        var fact = Assert.Single(Read("""
            "code": { "coding": [ { "system": "http://loinc.org", "code": "21563-2" } ] },
            "valueQuantity": { "value": 8, "unit": "U/mL" },
            "interpretation": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "L" } ] } ],
            "referenceRange": [ { "low": { "value": 15 }, "high": { "value": 35 } } ]
            """).Facts);

        Assert.Equal([new Code("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "L")], fact.Interpretation.ToArray());
        Assert.Equal((15m, 35m), (fact.ReferenceLow, fact.ReferenceHigh));
    }

    [Fact]
    public void Coded_value_is_a_concept()
    {
        var fact = Assert.Single(Read(""" "valueCodeableConcept": { "coding": [ { "system": "http://snomed.info/sct", "code": "10828004", "display": "Positive" } ] } """).Facts);
        Assert.Equal("Positive", fact.ValueConcept!.Text);
        Assert.Null(fact.Value);
    }

    [Fact]
    public void String_integer_and_boolean_values_are_read()
    {
        Assert.Equal("mild", Assert.Single(Read(""" "valueString": "mild" """).Facts).ValueText);
        Assert.Equal(4m, Assert.Single(Read(""" "valueInteger": 4 """).Facts).Value);
        Assert.Equal("true", Assert.Single(Read(""" "valueBoolean": true """).Facts).ValueText);
    }

    [Fact]
    public void Reference_range_bounds_are_read()
    {
        var fact = Assert.Single(Read(""" "valueQuantity": { "value": 52, "unit": "U/L" }, "referenceRange": [ { "low": { "value": 7 }, "high": { "value": 56 } } ] """).Facts);
        Assert.Equal((7m, 56m), (fact.ReferenceLow!.Value, fact.ReferenceHigh!.Value));
    }

    [Theory]
    [InlineData(""" "effectivePeriod": { "start": "2021-05-06T08:00:00Z", "end": "2021-05-07T08:00:00Z" } """)]
    [InlineData(""" "effectiveInstant": "2021-05-06T08:00:00.000+00:00" """)]
    [InlineData(""" "issued": "2021-05-06T08:00:00Z" """)]
    public void Effective_date_comes_from_period_start_instant_or_issued(string elements) =>
        Assert.Equal(new LocalDate(2021, 5, 6), Assert.Single(Read(elements).Facts).Effective);

    [Fact]
    public void Components_become_facts_of_their_own()
    {
        var (facts, _) = Read("""
            "code": { "coding": [ { "system": "http://loinc.org", "code": "85354-9", "display": "Blood pressure panel" } ] },
            "effectiveDateTime": "2019-01-02",
            "component": [
              { "code": { "coding": [ { "system": "http://loinc.org", "code": "8480-6" } ] }, "valueQuantity": { "value": 128, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]" } },
              { "code": { "coding": [ { "system": "http://loinc.org", "code": "8462-4" } ] }, "valueQuantity": { "value": 82, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org", "code": "mm[Hg]" } } ]
            """);
        Assert.Equal(["o1", "o1#component[0]", "o1#component[1]"], facts.Select(f => f.ResourceId));
        Assert.Equal(["85354-9", "8480-6", "8462-4"], facts.Select(f => f.Concept.Codes[0].Value));
        Assert.Equal([null, 128m, 82m], facts.Select(f => f.Value));
        Assert.All(facts, f => Assert.Equal((new LocalDate(2019, 1, 2), "final"), (f.Effective!.Value, f.Status)));
    }

    [Fact]
    public void Decimal_sent_as_a_string_is_read_with_a_warning()
    {
        var (facts, warnings) = Read(""" "code": { "text": "glucose" }, "valueQuantity": { "value": "12.5", "unit": "mg/dL" } """);
        Assert.Equal(12.5m, Assert.Single(facts).Value);
        Assert.Equal("valueQuantity.value should be a JSON number, found the string \"12.5\"; read as a number", Assert.Single(warnings));
    }
}
