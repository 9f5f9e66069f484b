using System.Text.Json.Nodes;
using Relief.Store.Application;
using Relief.Store.Diary;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Export;

/// <summary>A stored patient exported as FHIR R4: valid against the official schema, coded with LOINC and UCUM.</summary>
[Trait(Requires.Name, Requires.SharedData)]
public abstract class ExportTests : StoreTestBase
{
    private async Task<JsonArray> ExportedEntriesAsync()
    {
        var store = await OpenAsync();
        var bundle = File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedData, "cds4cpm-bundles", "ms_bravo.json"));
        Assert.True((await store.ImportBundleAsync(bundle, Actor)).Succeeded);
        const string id = "a15102fb-db9e-475c-878f-f491b7b959a8";
        var course = (await store.StartCourseAsync(id, new CourseInput("rxnorm|72625", "duloxetine 60 mg", new DateOnly(2026, 5, 1), new DoseInput(60, "mg")), Actor)).Value!;
        await store.ChangeDoseAsync(course.Id, course.Version, new DateOnly(2026, 6, 1), new DoseInput(90, "mg"), Actor);
        await store.AddAdverseEventAsync(id, new AdverseEventInput(new DateOnly(2026, 6, 3), "nausea", "moderate", course.Id), Actor);
        await store.AddDiaryEntryAsync(id, new DiaryInput { Pain = 5, Fatigue = 6, Exertion = 4, SleepHours = 6.5m, Mood = 5, BodySites = ["back"], PainQualities = ["burning"], Instruments = [new InstrumentAnswer("phq-9", 9)] }, Actor);
        await store.AddLabResultAsync(id, new LabInput("1742-6", 32, "U/L", new DateOnly(2026, 6, 10)), Actor);

        var export = await store.ExportPatientAsync(id, Actor);

        Assert.True(export.Succeeded, export.Message);
        var document = JsonNode.Parse(export.Value!)!;
        Assert.Equal("Bundle", (string?)document["resourceType"]);
        return document["entry"]!.AsArray();
    }

    [SkippableFact]
    public async Task Every_exported_resource_is_valid_against_the_FHIR_R4_schema()
    {
        var entries = await ExportedEntriesAsync();

        var complaints = entries.SelectMany(e => FhirSchema.Validate(e!["resource"]!).Select(c => $"{e["resource"]!["resourceType"]}/{e["resource"]!["id"]}: {c}")).ToList();

        Assert.Empty(complaints);
        Assert.Equal(
            ["AdverseEvent", "Condition", "MedicationStatement", "Observation", "Patient", "QuestionnaireResponse"],
            entries.Select(e => (string)e!["resource"]!["resourceType"]!).Distinct().Order());
    }

    [SkippableFact]
    public async Task Scores_carry_LOINC_or_the_local_code_system_and_UCUM_units()
    {
        var entries = await ExportedEntriesAsync();

        var observations = entries.Select(e => e!["resource"]!).Where(r => (string?)r["resourceType"] == "Observation").ToList();
        var phq9 = Assert.Single(observations, o => (string?)o["code"]!["coding"]![0]!["code"] == "44261-6");
        Assert.Equal("http://loinc.org", (string?)phq9["code"]!["coding"]![0]!["system"]);
        Assert.Equal("http://unitsofmeasure.org", (string?)phq9["valueQuantity"]!["system"]);
        Assert.Equal("{score}", (string?)phq9["valueQuantity"]!["code"]);
        var pain = Assert.Single(observations, o => (string?)o["code"]!["coding"]![0]!["code"] == "72514-3");
        Assert.Equal("727234005", (string?)pain["bodySite"]!["coding"]![0]!["code"]);
        Assert.Contains(observations, o => (string?)o["code"]!["coding"]![0]!["system"] == TestKnowledge.FollowUp.LocalCodeSystem);
        var alt = Assert.Single(observations, o => (string?)o["code"]!["coding"]![0]!["code"] == "1742-6");
        Assert.Equal("U/L", (string?)alt["valueQuantity"]!["code"]);
    }

    [SkippableFact]
    public async Task The_course_exports_its_latest_dose_and_the_side_effect_names_it_as_suspect()
    {
        var entries = await ExportedEntriesAsync();

        var resources = entries.Select(e => e!["resource"]!).ToList();
        var statement = Assert.Single(resources, r => (string?)r["resourceType"] == "MedicationStatement" && (string?)r["medicationCodeableConcept"]!["coding"]![0]!["code"] == "72625");
        Assert.Equal(90m, (decimal)statement["dosage"]![0]!["doseAndRate"]![0]!["doseQuantity"]!["value"]!);
        var adverse = Assert.Single(resources, r => (string?)r["resourceType"] == "AdverseEvent");
        Assert.Equal("moderate", (string?)adverse["severity"]!["coding"]![0]!["code"]);
        Assert.Equal($"MedicationStatement/{statement["id"]}", (string?)adverse["suspectEntity"]![0]!["instance"]!["reference"]);
        var response = Assert.Single(resources, r => (string?)r["resourceType"] == "QuestionnaireResponse");
        Assert.Contains(response["item"]!.AsArray(), i => (string?)i!["answer"]![0]!["valueCoding"]!["code"] == "LA6751-7");
    }
}

public sealed class ExportTestsOnSqlite : ExportTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class ExportTestsOnPostgres : ExportTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
