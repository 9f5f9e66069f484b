using System.Text;
using System.Text.Json;
using NodaTime;
using Relief.Core.Patients;
using Relief.Fhir.CdsHooks;

namespace Relief.Fhir.Tests.CdsHooks;

public class CdsRequestReaderTests
{
    private const string Draft = """
        {"resourceType":"Bundle","type":"collection","entry":[
          {"resource":{"resourceType":"MedicationRequest","id":"new-1","status":"active","intent":"order",
            "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"596926","display":"duloxetine 30 MG Delayed Release Oral Capsule"}]},
            "subject":{"reference":"Patient/p1"}}},
          {"resource":{"resourceType":"MedicationRequest","id":"old-1","status":"stopped","intent":"order",
            "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"310431","display":"gabapentin 300 MG Oral Capsule"}]},
            "subject":{"reference":"Patient/p1"}}}]}
        """;

    private static string Request(string hook = "order-sign", string extra = "", string context = "", string prefetch = "{}") => $$"""
        {"hook":"{{hook}}","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"{{extra}},
         "context":{"userId":"Practitioner/dr-1","patientId":"p1"{{context}}},
         "prefetch":{{prefetch}}}
        """;

    private static (CdsRequest? Request, CdsRequestError? Error) Read(string json, CdsHook? expected = null)
    {
        var document = CdsRequestReader.Parse(Encoding.UTF8.GetBytes(json), out var parseError);
        if (document is null)
        {
            return (null, parseError);
        }

        var request = CdsRequestReader.Read(document.RootElement.Clone(), expected, out var error);
        return (request, error);
    }

    [Fact]
    public void A_stray_closing_brace_after_the_request_is_a_400_that_says_where()
    {
        var (request, error) = Read(Request("patient-view") + "\n}");
        Assert.Null(request);
        Assert.Equal(400, error!.Status);
        Assert.Contains("trailing content", error.Message);
        Assert.Contains("line 4", error.Message);
    }

    [Fact]
    public void A_hook_sent_to_another_hooks_service_is_422_naming_both()
    {
        var (_, error) = Read(Request("patient-view"), CdsHook.OrderSign);
        Assert.Equal(422, error!.Status);
        Assert.Equal("hook", error.Expression);
        Assert.Contains("order-sign service", error.Message);
    }

    [Fact]
    public void The_same_request_to_its_own_service_is_read()
    {
        var (request, error) = Read(Request("patient-view"), CdsHook.PatientView);
        Assert.Null(error);
        Assert.Equal("p1", request!.Context.PatientId);
        Assert.Equal("dr-1", request.Context.UserPractitionerId);
    }

    [Fact]
    public void FhirAuthorization_without_fhirServer_is_400_citing_cds_r_1()
    {
        var (_, error) = Read(Request("patient-view", extra: ""","fhirAuthorization":{"access_token":"t","token_type":"Bearer","expires_in":300,"scope":"patient/*.read","subject":"x"}"""));
        Assert.Equal(400, error!.Status);
        Assert.Contains("cds-r-1", error.Message);
    }

    [Theory]
    [InlineData("\"patientId\":\"p1\"", "\"patientId\":\"../Patient?_id=1\"", "context.patientId")]
    [InlineData("\"patientId\":\"p1\"", "\"patientId\":42", "context.patientId")]
    [InlineData("\"userId\":\"Practitioner/dr-1\",", "", "context.userId")]
    [InlineData("\"userId\":\"Practitioner/dr-1\"", "\"userId\":\"dr 1\"", "context.userId")]
    public void Missing_or_mistyped_context_fields_are_400_naming_the_field(string replace, string with, string expression)
    {
        var (_, error) = Read(Request("patient-view").Replace(replace, with, StringComparison.Ordinal));
        Assert.Equal(400, error!.Status);
        Assert.Equal(expression, error.Expression);
    }

    [Fact]
    public void Order_hooks_need_draftOrders_and_order_select_needs_selections_that_name_drafts()
    {
        Assert.Equal("context.draftOrders", Read(Request("order-sign")).Error!.Expression);
        Assert.Equal("context.selections", Read(Request("order-select", context: $",\"draftOrders\":{Draft}")).Error!.Expression);
        var wrong = Read(Request("order-select", context: $",\"draftOrders\":{Draft},\"selections\":[\"MedicationRequest/none\"]")).Error!;
        Assert.Equal(422, wrong.Status);
        Assert.Null(Read(Request("order-select", context: $",\"draftOrders\":{Draft},\"selections\":[\"MedicationRequest/new-1\"]")).Error);
    }

    [Fact]
    public void Prefetch_items_are_data_empty_or_failed()
    {
        var (request, _) = Read(Request("patient-view", prefetch: """
            {"patient":{"resourceType":"Patient","id":"p1"},"conditions":null,
             "item3":{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"timeout","diagnostics":"search timed out"}]},
             "item4":{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"MedicationRequest","id":"m"}}]}}
            """));
        var items = request!.Prefetch.Items;
        Assert.Equal(PrefetchState.Data, items["patient"].State);
        Assert.Equal(PrefetchState.Empty, items["conditions"].State);
        Assert.Equal(PrefetchState.Failed, items["item3"].State);
        Assert.Equal("search timed out", items["item3"].Failure);
        Assert.Contains("MedicationRequest", items["item4"].ResourceTypes);

        var coverage = PrefetchCoverage.Of(request.Prefetch, PrefetchTemplates.All);
        var missing = coverage.Missing.Select(t => t.Key).ToHashSet();
        Assert.DoesNotContain("patient", missing);            // own key, data
        Assert.DoesNotContain("conditions", missing);         // own key, null: no data, not missing
        Assert.DoesNotContain("medicationRequests", missing); // another key delivered MedicationRequests
        Assert.Contains("medicationStatements", missing);
        Assert.Contains("observationsLaboratory", missing);
        Assert.False(coverage.Complete);
        Assert.Contains("prefetch.item3: search timed out", coverage.Failures);
    }

    [Fact]
    public void An_operation_outcome_under_Relief_s_own_key_leaves_the_template_missing()
    {
        var (request, _) = Read(Request("patient-view", prefetch: """{"conditions":{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception"}]}}"""));
        Assert.Contains(PrefetchCoverage.Of(request!.Prefetch, PrefetchTemplates.All).Missing, t => t.Key == "conditions");
    }

    [Fact]
    public void Tokens_fill_context_user_and_date_arithmetic()
    {
        var request = Read(Request("patient-view")).Request!;
        var today = new LocalDate(2026, 11, 30);
        Assert.Equal("Observation?patient=p1&category=laboratory&date=ge2024-11-30",
            PrefetchTokens.Expand(PrefetchTemplates.ByKey("observationsLaboratory")!.Query, request, today));
        Assert.Equal("Practitioner/dr-1", PrefetchTokens.Expand("Practitioner/{{userPractitionerId}}", request, today));
        Assert.Equal("x=2026-11-23", PrefetchTokens.Expand("x={{today() - 7 days}}", request, today));
        Assert.Equal("x=2027-01-30", PrefetchTokens.Expand("x={{ today() + 2 months }}", request, today));
        Assert.Null(PrefetchTokens.Expand("PractitionerRole/{{userPractitionerRoleId}}", request, today));
    }

    [Fact]
    public void Draft_orders_become_proposed_and_a_stopped_draft_is_a_current_medicine_being_stopped()
    {
        var (request, _) = Read(Request("order-sign", context: $",\"draftOrders\":{Draft}"));
        var record = CdsRecordBuilder.Build(request!, [], out var error);
        Assert.Null(error);
        var start = record!.DraftOrders.Single(d => d.Id == "new-1");
        var stop = record.DraftOrders.Single(d => d.Id == "old-1");
        Assert.Equal(DraftOrderIntent.Start, start.Intent);
        Assert.Equal(DraftOrderIntent.Stop, stop.Intent);
        Assert.True(start.Selected && stop.Selected);
        Assert.Equal(MedicationUse.Proposed, record.Record.Medications.Single(m => m.ResourceId == "new-1").Use);
        Assert.Equal(MedicationUse.Current, record.Record.Medications.Single(m => m.ResourceId == "old-1").Use);
    }

    [Fact]
    public void A_draft_revising_a_prefetched_order_replaces_it()
    {
        var prefetch = """{"medicationRequests":{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"MedicationRequest","id":"new-1","status":"completed","intent":"order","medicationCodeableConcept":{"text":"duloxetine"},"subject":{"reference":"Patient/p1"}}}]}}""";
        var (request, _) = Read(Request("order-sign", context: $",\"draftOrders\":{Draft}", prefetch: prefetch));
        var record = CdsRecordBuilder.Build(request!, [], out _);
        Assert.Equal(MedicationUse.Proposed, Assert.Single(record!.Record.Medications, m => m.ResourceId == "new-1").Use);
    }

    [Fact]
    public void Another_patient_in_the_prefetch_is_422()
    {
        var (request, _) = Read(Request("patient-view", prefetch: """{"patient":{"resourceType":"Patient","id":"someone-else"}}"""));
        var record = CdsRecordBuilder.Build(request!, [], out var error);
        Assert.Null(record);
        Assert.Equal(422, error!.Status);
        Assert.Contains("someone-else", error.Message);
    }
}
