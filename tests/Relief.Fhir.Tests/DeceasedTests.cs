using NodaTime;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

/// <summary>Patient.deceased[x] is read into the record (issue 6: deceased Synthea patients were assessed as alive).</summary>
public class DeceasedTests
{
    [Fact]
    public void DeceasedDateTime_gives_the_date_of_death()
    {
        var record = Bundles.ReadOk(Bundles.Of("""{ "resourceType": "Patient", "id": "p", "deceasedDateTime": "1996-01-21T10:15:00-05:00" }""")).Record!;

        Assert.True(record.Deceased);
        Assert.Equal(new LocalDate(1996, 1, 21), record.DeceasedOn);
    }

    [Fact]
    public void DeceasedBoolean_true_is_a_death_without_a_date_and_false_is_alive()
    {
        var dead = Bundles.ReadOk(Bundles.Of("""{ "resourceType": "Patient", "id": "p", "deceasedBoolean": true }""")).Record!;
        var alive = Bundles.ReadOk(Bundles.Of("""{ "resourceType": "Patient", "id": "p", "deceasedBoolean": false }""")).Record!;

        Assert.True(dead.Deceased);
        Assert.Null(dead.DeceasedOn);
        Assert.False(alive.Deceased);
    }

    [Fact]
    [Trait("Needs", "shared-data")]
    public void Five_synthea_patients_are_recorded_as_deceased()
    {
        var directory = Path.Combine(RepositoryPaths.SharedData, "synthea-r4");
        var deceased = Directory.GetFiles(directory, "*.json")
            .Where(f => !f.EndsWith("INDEX.json", StringComparison.Ordinal))
            .Select(f => Bundles.Read(File.ReadAllText(f)).Record)
            .Count(r => r is { Deceased: true });

        Assert.Equal(5, deceased);
    }
}
