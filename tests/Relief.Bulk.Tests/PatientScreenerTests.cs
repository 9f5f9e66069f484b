using System.Text;
using System.Text.Json;
using NodaTime;
using Relief.Bulk.Grouping;
using Relief.Bulk.Screening;
using Relief.Bulk.Tests.Support;
using Relief.Core.Assessment;
using Relief.Core.Knowledge.Loading;
using Relief.Fhir.Contract;

namespace Relief.Bulk.Tests;

/// <summary>
/// The screener's reading of one patient's lines (all parsed as one document): a line damaged between the passes
/// is reported with the message a parse of that line alone gives, and the patient's other lines do not hide it.
/// </summary>
public sealed class PatientScreenerTests
{
    private static readonly Lazy<AssessmentPipeline> Pipeline = new(() =>
        new AssessmentPipeline(new Assessor(KnowledgeLoader.Load(RepositoryPaths.Knowledge).Knowledge!)));

    [Theory]
    [InlineData("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"}")]
    [InlineData("{\"resourceType\":\"Condition\"},{\"id\":\"c1\"}")]
    public void A_damaged_line_is_a_malformed_json_error_with_that_line_s_message(string damaged)
    {
        using var catalog = new MedicationCatalog();
        catalog.Freeze();
        var screener = new PatientScreener(Pipeline.Value, new LocalDate(2026, 11, 21), catalog);
        var patient = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"birthDate\":\"1970-01-01\"}";
        var outcome = screener.Screen(new PatientLines("p1", [Line(patient), Line(damaged)]));

        var expected = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(Line(damaged)).Dispose());
        Assert.Equal("malformed-json", outcome.Error?.Kind);
        Assert.Equal(expected.Message, outcome.Error!.Message);
        Assert.Empty(outcome.Rows);
    }

    [Fact]
    public void Sound_lines_are_read_and_assessed()
    {
        using var catalog = new MedicationCatalog();
        catalog.Freeze();
        var screener = new PatientScreener(Pipeline.Value, new LocalDate(2026, 11, 21), catalog);
        var outcome = screener.Screen(new PatientLines("p1", [Line("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"1970-01-01\"}")]));
        Assert.Null(outcome.Error);
        Assert.Equal(56, outcome.Age);
    }

    private static ReadOnlyMemory<byte> Line(string text) => Encoding.UTF8.GetBytes(text);
}
