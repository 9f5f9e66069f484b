using System.Text;
using System.Text.Json;
using Relief.Fhir.Reading;

namespace Relief.Fhir.Tests;

/// <summary>
/// <see cref="ResourceLines"/> (a patient's NDJSON lines parsed as one document, the screen's fast path) against
/// parsing each line on its own: the same resources on real bundles' entries, and on malformed or odd lines the
/// same outcome, the same exception message included.
/// </summary>
public class ResourceLinesTests
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    public static TheoryData<string> SampleBundles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static TheoryData<string> SyntheaBundles() => SyntheaBundleFiles.All();

    [Theory]
    [MemberData(nameof(SampleBundles))]
    public void Sample_entries_as_lines_read_as_one_document_give_each_line_s_resource(string file) =>
        AssertSameAsLineByLine(EntryLines(Path.Combine(RepositoryPaths.Samples, file)), expectOneDocument: true);

    [Theory]
    [Trait(Requires.Key, Requires.SharedData)]
    [MemberData(nameof(SyntheaBundles))]
    public void Synthea_entries_as_lines_read_as_one_document_give_each_line_s_resource(string file) =>
        AssertSameAsLineByLine(EntryLines(Path.Combine(RepositoryPaths.SharedData, "synthea-r4", file)), expectOneDocument: true);

    [Fact]
    public void Whitespace_around_a_line_s_value_is_read_as_one_document() =>
        AssertSameAsLineByLine(Lines(" {\"resourceType\":\"Patient\",\"id\":\"p1\"}\t", "\r{\"resourceType\":\"Condition\"} "), expectOneDocument: true);

    [Fact]
    public void A_line_nested_to_the_depth_limit_is_read_on_its_own()
    {
        // 256 levels parse alone, but not inside the array that would join the lines.
        var deep = string.Concat(Enumerable.Repeat("[", 256)) + string.Concat(Enumerable.Repeat("]", 256));
        AssertSameAsLineByLine(Lines("{\"a\":1}", deep), expectOneDocument: false);
    }

    [Theory]
    [InlineData("{\"a\":1}\n{\"b\":")]
    [InlineData("{\"a\":1}\n")]
    [InlineData("1,2")]
    [InlineData("{\"a\":1}\n1,2\n{\"c\":3}")]
    [InlineData("\"x\n\",1")] // joined, these are ["x,",1]: two items for two lines, the first spanning both
    [InlineData("{\"a\":[1\n2]}")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    [InlineData("{\"a\":1}\n{\"a\":1} // comment")]
    public void A_malformed_line_throws_what_parsing_it_alone_throws(string text)
    {
        var lines = Lines(text.Split('\n'));
        var expected = Assert.ThrowsAny<JsonException>(() => LineByLine(lines));
        var actual = Assert.ThrowsAny<JsonException>(() => ResourceLines.Parse(lines, Options).Dispose());
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.GetType(), actual.GetType());
    }

    [Fact]
    public void No_lines_give_no_resources()
    {
        using var lines = ResourceLines.Parse([], Options);
        Assert.Equal(0, lines.Resources.Length);
    }

    private static void AssertSameAsLineByLine(IReadOnlyList<ReadOnlyMemory<byte>> lines, bool expectOneDocument)
    {
        var expected = LineByLine(lines);
        using var parsed = ResourceLines.Parse(lines, Options);
        Assert.Equal(expectOneDocument, parsed.IsOneDocument);
        Assert.Equal(expected, [.. parsed.Resources.ToArray().Select(r => r.GetRawText())]);
    }

    private static List<string> LineByLine(IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        var texts = new List<string>();
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line, Options);
            texts.Add(document.RootElement.GetRawText());
        }

        return texts;
    }

    /// <summary>Each entry's resource as one compact line, as a bulk export writes it.</summary>
    private static List<ReadOnlyMemory<byte>> EntryLines(string bundle)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(bundle));
        var lines = new List<ReadOnlyMemory<byte>>();
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            lines.Add(JsonSerializer.SerializeToUtf8Bytes(entry.GetProperty("resource")));
        }

        Assert.NotEmpty(lines);
        return lines;
    }

    private static List<ReadOnlyMemory<byte>> Lines(params string[] text) => [.. text.Select(t => new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(t)))];
}
