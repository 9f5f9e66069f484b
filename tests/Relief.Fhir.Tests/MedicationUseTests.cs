using Relief.Core.Patients;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

public class MedicationUseTests
{
    private static MedicationFact Request(string status, string intent = "order") =>
        Single(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "mr1", "status": "{{status}}", "intent": "{{intent}}", {{Bundles.Subject}},
              "medicationCodeableConcept": { "coding": [ { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197696" } ] } }
            """));

    private static MedicationFact Statement(string status) =>
        Single(Bundles.With($$"""
            { "resourceType": "MedicationStatement", "id": "ms1", "status": "{{status}}", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "ibuprofen" } }
            """));

    private static MedicationFact Single(string bundle) => Assert.Single(Bundles.ReadOk(bundle).Record!.Medications);

    [Fact]
    public void Draft_request_counts_as_proposed() => Assert.Equal(MedicationUse.Proposed, Request("draft").Use);

    [Theory]
    [InlineData("proposal")]
    [InlineData("plan")]
    [InlineData("option")]
    public void Active_request_that_is_only_proposed_or_planned_counts_as_proposed(string intent) =>
        Assert.Equal(MedicationUse.Proposed, Request("active", intent).Use);

    [Theory]
    [InlineData("active")]
    [InlineData("on-hold")]
    public void Active_or_on_hold_order_counts_as_current(string status) => Assert.Equal(MedicationUse.Current, Request(status).Use);

    [Theory]
    [InlineData("completed")]
    [InlineData("stopped")]
    [InlineData("cancelled")]
    public void Finished_or_cancelled_request_counts_as_past(string status) => Assert.Equal(MedicationUse.Past, Request(status).Use);

    [Fact]
    public void Cancelled_proposal_is_past_not_proposed() => Assert.Equal(MedicationUse.Past, Request("cancelled", "proposal").Use);

    [Fact]
    public void Request_entered_in_error_is_invalid() => Assert.Equal(MedicationUse.Invalid, Request("entered-in-error", "proposal").Use);

    [Fact]
    public void Request_of_unknown_status_counts_as_current_with_a_warning()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "mr1", "status": "unknown", "intent": "order", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "oxycodone" } }
            """));
        Assert.Equal(MedicationUse.Current, result.Record!.Medications[0].Use);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("MedicationRequest/mr1", warning.Location);
        Assert.Contains("counted as current", warning.Message);
    }

    [Fact]
    public void Request_keeps_its_status_intent_and_type()
    {
        var fact = Request("on-hold", "original-order");
        Assert.Equal(("on-hold", "original-order", "MedicationRequest", "mr1"), (fact.Status, fact.Intent, fact.ResourceType, fact.ResourceId));
    }

    [Theory]
    [InlineData("active", MedicationUse.Current)]
    [InlineData("on-hold", MedicationUse.Current)]
    [InlineData("intended", MedicationUse.Proposed)]
    [InlineData("completed", MedicationUse.Past)]
    [InlineData("stopped", MedicationUse.Past)]
    [InlineData("not-taken", MedicationUse.Past)]
    [InlineData("entered-in-error", MedicationUse.Invalid)]
    [InlineData("unknown", MedicationUse.Current)]
    public void Statement_status_places_the_medication(string status, MedicationUse expected)
    {
        var fact = Statement(status);
        Assert.Equal(expected, fact.Use);
        Assert.Equal("MedicationStatement", fact.ResourceType);
        Assert.Null(fact.Intent);
    }

    [Fact]
    public void Statement_effective_period_gives_start_and_end()
    {
        var fact = Single(Bundles.With($$"""
            { "resourceType": "MedicationStatement", "id": "ms1", "status": "completed", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "naproxen" },
              "effectivePeriod": { "start": "2021-03-04", "end": "2021-06" },
              "dosage": [ { "text": "250 mg twice daily", "doseAndRate": [ { "doseQuantity": { "value": 250, "unit": "mg" } } ] } ] }
            """));
        Assert.Equal((new NodaTime.LocalDate(2021, 3, 4), new NodaTime.LocalDate(2021, 6, 1)), (fact.Start!.Value, fact.End!.Value));
        var dosage = Assert.Single(fact.Dosages);
        Assert.Equal(("250 mg twice daily", 250m, "mg"), (dosage.Text, dosage.DoseValue, dosage.DoseUnit));
    }

    [Fact]
    public void Request_start_is_the_validity_start_else_the_authored_day()
    {
        var withValidity = Single(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "mr1", "status": "active", "intent": "order", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "x" }, "authoredOn": "2022-06-01T09:00:00Z",
              "dispenseRequest": { "validityPeriod": { "start": "2022-06-07", "end": "2022-09-07" } } }
            """));
        Assert.Equal((new NodaTime.LocalDate(2022, 6, 7), new NodaTime.LocalDate(2022, 9, 7)), (withValidity.Start!.Value, withValidity.End!.Value));

        var authoredOnly = Single(Bundles.With($$"""
            { "resourceType": "MedicationRequest", "id": "mr1", "status": "active", "intent": "order", {{Bundles.Subject}},
              "medicationCodeableConcept": { "text": "x" }, "authoredOn": "2022-06-01T23:30:00-05:00" }
            """));
        Assert.Equal(new NodaTime.LocalDate(2022, 6, 1), authoredOnly.Start);
        Assert.Null(authoredOnly.End);
    }
}
