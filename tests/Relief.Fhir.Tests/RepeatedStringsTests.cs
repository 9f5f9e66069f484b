using System.Text;
using System.Text.Json;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Tests;

/// <summary>
/// The per-thread table of repeated string values against <see cref="JsonElement.GetString"/> and <see cref="Utf8JsonReader.GetString"/>: every string
/// of real bundles, read twice (a miss, then from the table), and values the table must not keep or must not confuse.
/// </summary>
public class RepeatedStringsTests
{
    [Fact]
    public void Every_string_of_the_samples_reads_as_GetString_reads_it()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal))
        {
            AssertEveryString(File.ReadAllBytes(file));
        }
    }

    [Fact]
    [Trait(Requires.Key, Requires.SharedData)]
    public void Every_string_of_the_Synthea_bundles_reads_as_GetString_reads_it()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.SharedData, "synthea-r4"), "*_*.json").Order(StringComparer.Ordinal).Take(20))
        {
            AssertEveryString(File.ReadAllBytes(file));
        }
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"active\"")]
    [InlineData("\"caf\\u00e9\"")] // escaped
    [InlineData("\"a \\\"quoted\\\" word\"")]
    [InlineData("\"café\"")] // not ASCII
    [InlineData("\"Sjögren syndrome (disorder)\"")]
    public void Odd_values_read_as_GetString_reads_them(string json)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(document.RootElement.GetString(), RepeatedStrings.Of(document.RootElement));
        Assert.Equal(document.RootElement.GetString(), RepeatedStrings.Of(document.RootElement));
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        Assert.Equal(document.RootElement.GetString(), RepeatedStrings.Of(ref reader));
    }

    [Fact]
    public void Values_sharing_slots_are_told_apart()
    {
        // Far more values than slots, of every length up to past the table's limit: many share a slot.
        var values = Enumerable.Range(0, 5000).Select(i => new string((char)('a' + (i % 26)), 1 + (i % 300)) + i).ToArray();
        AssertEveryString(JsonSerializer.SerializeToUtf8Bytes(values));
    }

    private static void AssertEveryString(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var strings = new List<JsonElement>();
        Collect(document.RootElement, strings);
        Assert.NotEmpty(strings);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var value in strings)
            {
                Assert.Equal(value.GetString(), RepeatedStrings.Of(value));
            }

            // The same values through a reader (what a screen's row parse uses), sharing the thread's table.
            var reader = new Utf8JsonReader(json);
            var read = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    Assert.Equal(reader.GetString(), RepeatedStrings.Of(ref reader));
                    read++;
                }
            }

            Assert.True(read >= strings.Count, "every string value was read");
        }
    }

    private static void Collect(JsonElement element, List<JsonElement> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
        }
    }
}
