using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Relief.Core.Codes;
using Relief.Fhir.Reading;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Tests;

/// <summary>
/// <see cref="CodeableConcepts.Read(JsonElement, ElementPath, ReadContext, bool)"/>, which gathers codes in a
/// <see cref="CodingList"/> and shares a lone coding's displays (<see cref="SingleDisplays"/>), against the general way
/// it replaced: an array builder and a chain of <c>ImmutableDictionary.SetItem</c>. Every CodeableConcept of real
/// bundles is read twice (the second time the shared displays are hits) and must give the same codes, text and displays.
/// </summary>
public class CodingListTests
{
    [Fact]
    public void Every_concept_of_the_samples_reads_as_the_general_way_reads_it()
    {
        var concepts = 0;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal))
        {
            concepts += AssertEveryConcept(File.ReadAllBytes(file));
        }

        Assert.True(concepts > 100, $"only {concepts} concepts compared");
    }

    [Fact]
    [Trait(Requires.Key, Requires.SharedData)]
    public void Every_concept_of_the_Synthea_bundles_reads_as_the_general_way_reads_it()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*_*.json").Order(StringComparer.Ordinal).Take(10))
        {
            Assert.True(AssertEveryConcept(File.ReadAllBytes(file)) > 0);
        }
    }

    [Theory]
    [InlineData("""{"coding":[{"system":"http://snomed.info/sct","code":"1","display":"One"}]}""")]
    [InlineData("""{"coding":[{"system":"http://snomed.info/sct","code":"1"}],"text":"told"}""")]
    [InlineData("""{"coding":[{"system":"s","code":"1","display":"One"},{"system":"s","code":"2","display":"Two"}]}""")]
    [InlineData("""{"coding":[{"system":"s","code":"1","display":"One"},{"system":"s","code":"1","display":"Again"}]}""")]
    [InlineData("""{"coding":[{"system":"s","code":"1"},{"system":"s","code":"2","display":"Two"},{"system":"s","code":"1","display":"Late"}]}""")]
    [InlineData("""{"coding":[{"system":"s","code":"1","display":"One"},{"system":"t","code":"1","display":"Other system"},{"system":"s","code":"3"}]}""")]
    [InlineData("""{"coding":[{"code":"no system","display":"Shown"},{"system":"s","code":"1"}]}""")]
    [InlineData("""{"coding":[{"system":"s","code":"1","display":"One"}, "not an object", {"system":"s","code":"2","display":"Two"}]}""")]
    [InlineData("""{"text":"text only"}""")]
    [InlineData("""{}""")]
    public void Repeated_and_several_codings_read_as_the_general_way_reads_them(string json)
    {
        Assert.Equal(1, AssertEveryConcept(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Displays_sharing_slots_are_told_apart()
    {
        // Far more (code, display) pairs than the table has slots, and the same codes with other displays.
        var concepts = Enumerable.Range(0, 3000).Select(i => new
        {
            coding = new[] { new { system = "http://loinc.org", code = $"{i % 700}-0", display = $"Display {i}" } },
        });
        Assert.Equal(3000, AssertEveryConcept(JsonSerializer.SerializeToUtf8Bytes(concepts)));
    }

    [Fact]
    public void A_status_concept_s_codes_are_those_Read_gives()
    {
        var json = """{"coding":[{"system":"a","code":"x"},{"system":"b","code":"y"},{"system":"a","code":"x"}],"text":"T"}"""u8.ToArray();
        using var document = JsonDocument.Parse(json);
        var codes = CodeableConcepts.Codes(document.RootElement, "c", new ReadContext(FhirReadOptions.Default));
        Assert.Equal(2, codes.Count);
        Assert.Equal(new Code("a", "x"), codes[0]);
        Assert.Equal(new Code("b", "y"), codes[1]);
        Assert.True(codes.Displays.IsEmpty);
    }

    /// <summary>Reads every object holding a coding or text (or the root) both ways, twice; returns how many were compared.</summary>
    private static int AssertEveryConcept(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var concepts = new List<JsonElement>();
        Collect(document.RootElement, concepts, isRoot: true);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var concept in concepts)
            {
                var read = CodeableConcepts.Read(concept, "concept", new ReadContext(FhirReadOptions.Default));
                var (codes, text, displays) = GeneralWay(concept);
                Assert.Equal(codes, read.Codes.ToArray());
                Assert.Equal(text, read.Text);
                Assert.Equal(
                    displays.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal).ToArray(),
                    read.Displays.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal).ToArray());
                Assert.True(read.Displays.KeyComparer == EqualityComparer<Code>.Default && read.Displays.ValueComparer == EqualityComparer<string>.Default);
            }
        }

        return concepts.Count;
    }

    /// <summary>The reading the fast path replaced, for concepts whose codings are objects of string values (every real one).</summary>
    private static (Code[] Codes, string? Text, ImmutableDictionary<Code, string> Displays) GeneralWay(JsonElement concept)
    {
        var codes = ImmutableArray.CreateBuilder<Code>(1);
        var displays = ImmutableDictionary<Code, string>.Empty;
        string? firstDisplay = null;
        if (concept.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array)
        {
            foreach (var coding in codings.EnumerateArray())
            {
                if (coding.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var system = Text(coding, "system");
                var value = Text(coding, "code");
                var display = Text(coding, "display");
                firstDisplay ??= display;
                if (string.IsNullOrWhiteSpace(system) || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                var code = new Code(system, value);
                if (codes.Contains(code))
                {
                    continue;
                }

                codes.Add(code);
                if (display is not null)
                {
                    displays = displays.SetItem(code, display);
                }
            }
        }

        var text = Text(concept, "text") ?? firstDisplay;
        return codes.Count == 0 && text is null ? ([], null, ImmutableDictionary<Code, string>.Empty) : (codes.ToArray(), text, displays);
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static void Collect(JsonElement element, List<JsonElement> concepts, bool isRoot = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (isRoot || element.TryGetProperty("coding", out _))
                {
                    concepts.Add(element);
                }

                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, concepts);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, concepts, isRoot);
                }

                break;
        }
    }
}
