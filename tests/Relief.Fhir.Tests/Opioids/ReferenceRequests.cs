using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Relief.Tests.Opioids;

/// <summary>
/// The CDC opioid CDS example requests and responses in ../shared/data/cds-hooks-requests (from cqframework/
/// opioid-cds-r4 at cafd54e), made readable the way the test says and no other:
/// <list type="bullet">
/// <item>62 request files are not JSON (a stray <c>}</c> closes the prefetch or the request early, so later
/// prefetch items sit outside it). Relief's reader refuses them with a 400, as it should. To compare answers, the
/// test rebuilds each such request from what it contains: its hook, hookInstance and context (which come before
/// any stray brace), and as prefetch every resource found in the file outside the draft orders, keyed item1…
/// in file order. The reader accepts prefetch under any key by resource type, so the keys do not matter.</item>
/// <item>The examples' dates are relative: a dataDateRoller extension says they were current on its
/// dateLastUpdated (2023-05-01 in every file), and the reference service shifts them to today. The test
/// assesses as of that date instead, which is the same thing.</item>
/// </list>
/// </summary>
internal static partial class ReferenceRequests
{
    /// <summary>Shared by the reader tests (Relief.Fhir.Tests) and the service tests (Relief.Service.Tests), which link this file.</summary>
    public static string Folder { get; } = FindFolder();

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Relief.slnx")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "cds-hooks-requests"));
            }
        }

        throw new InvalidOperationException($"no Relief.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("\"dateLastUpdated\",\\s*\"valueDateTime\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2})")]
    private static partial Regex DateLastUpdated();

    [GeneratedRegex("\\{\\s*\"resourceType\"")]
    private static partial Regex ResourceStart();

    /// <summary>Every request file, relative to requests/.</summary>
    public static IEnumerable<string> RequestFiles() =>
        Directory.EnumerateFiles(Path.Combine(Folder, "requests"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Folder, "requests"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>The date the example's data were current on (dataDateRoller), or null when it has none.</summary>
    public static LocalDate? AsOf(byte[] bytes)
    {
        var match = DateLastUpdated().Match(Encoding.UTF8.GetString(bytes));
        return match.Success ? LocalDatePattern.Iso.Parse(match.Groups[1].Value).Value : null;
    }

    /// <summary>True when the bytes are one JSON value with nothing after it.</summary>
    public static bool IsJson(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The request rebuilt as described above. <paramref name="noDataKeys"/> are the receiving service's own prefetch
    /// keys to send as <c>null</c> ("no data") when the file did not fill them: the examples answer the reference
    /// service's queries, and their <c>null</c> items say those had no data; <c>fhirServer</c> is then left out, so a
    /// service is not sent to fetch from the examples' localhost server.
    /// </summary>
    public static byte[] Rebuild(byte[] bytes, IReadOnlyCollection<string>? noDataKeys = null)
    {
        var reader = new Utf8JsonReader(bytes);
        using var first = JsonDocument.ParseValue(ref reader);
        var root = first.RootElement;

        // Byte offsets: the files are ASCII, so Latin-1 characters are bytes.
        var text = Encoding.Latin1.GetString(bytes);
        var draftsAt = text.IndexOf("\"draftOrders\"", StringComparison.Ordinal);
        var prefetchAt = text.IndexOf("\"prefetch\"", StringComparison.Ordinal);
        var resources = new List<JsonDocument>();
        var end = -1;
        foreach (Match match in ResourceStart().Matches(text))
        {
            var start = match.Index;
            if (start < end || (draftsAt >= 0 && start > draftsAt && start < prefetchAt))
            {
                continue;
            }

            var slice = new Utf8JsonReader(bytes.AsSpan(start));
            resources.Add(JsonDocument.ParseValue(ref slice));
            end = start + (int)slice.BytesConsumed;
        }

        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject().Where(p => p.Name is "hook" or "hookInstance" or "context" || (p.Name == "fhirServer" && noDataKeys is null)))
            {
                property.WriteTo(writer);
            }

            writer.WriteStartObject("prefetch");
            for (var i = 0; i < resources.Count; i++)
            {
                writer.WritePropertyName($"item{i + 1}");
                resources[i].RootElement.WriteTo(writer);
            }

            foreach (var key in noDataKeys ?? [])
            {
                writer.WriteNull(key);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        foreach (var resource in resources)
        {
            resource.Dispose();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The expected responses: each response file, the request it answers (when there is one) and whether the reference answered with cards.</summary>
    public static ImmutableArray<ExpectedResponse> Responses()
    {
        var folder = Path.Combine(Folder, "responses");
        var result = ImmutableArray.CreateBuilder<ExpectedResponse>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var request = RequestFor(relative);
            var bytes = File.ReadAllBytes(path);
            int? cards = null;
            if (bytes.Length > 0)
            {
                var reader = new Utf8JsonReader(bytes);
                using var document = JsonDocument.ParseValue(ref reader);
                cards = document.RootElement.TryGetProperty("cards", out var list) ? list.GetArrayLength() : 0;
            }

            result.Add(new ExpectedResponse(relative, request, cards, RecommendationOf(relative)));
        }

        return result.ToImmutable();
    }

    /// <summary>REC04_05 is recommendations 4 and 5 (Relief's rule cdc-2022/rec-4-5-dose carries 4).</summary>
    private static int RecommendationOf(string relative) => int.Parse(relative.AsSpan(12, 2), System.Globalization.CultureInfo.InvariantCulture);

    private static string? RequestFor(string response)
    {
        var folder = Path.Combine(Folder, "requests");
        var direct = response.Replace("response-example", "request-example", StringComparison.Ordinal);
        if (File.Exists(Path.Combine(folder, direct)))
        {
            return direct;
        }

        // Two order-sign responses are named without the "illicit-drugs-" their requests carry.
        var renamed = direct.Replace("order-sign-POS-", "order-sign-illicit-drugs-POS-", StringComparison.Ordinal);
        return File.Exists(Path.Combine(folder, renamed)) ? renamed : null;
    }
}

/// <param name="Cards">Number of cards in the reference response, or null when the response file is empty.</param>
internal sealed record ExpectedResponse(string Response, string? Request, int? Cards, int Recommendation);
