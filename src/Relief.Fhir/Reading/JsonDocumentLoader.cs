using System.Text;
using System.Text.Json;

namespace Relief.Fhir.Reading;

/// <summary>
/// UTF-8 bytes to one <see cref="JsonDocument"/>, parsed once over the caller's memory, or the reason
/// they are not one JSON document: empty, malformed (with line and byte), or a complete document with
/// something after it, which is how 62 of the CDC opioid guideline's CDS Hooks examples end.
/// </summary>
internal static class JsonDocumentLoader
{
    // FHIR nests deeply in Questionnaires and contained resources; 64 (the default) is too tight, and the
    // limit still bounds work on a hostile input.
    private const int MaxDepth = 256;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8, out FhirReadError? error)
    {
        if (utf8.Span.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }

        if (utf8.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            error = new FhirReadError(FhirReadErrorKind.Empty, "the input is empty: expected a FHIR R4 Bundle in JSON");
            return null;
        }

        if (Utf8Text.FirstInvalidByte(utf8.Span) is var invalid and >= 0)
        {
            var (line, column) = Position(utf8.Span, invalid);
            error = new FhirReadError(FhirReadErrorKind.MalformedJson, $"not UTF-8 text at line {line}, byte {column}: JSON must be UTF-8 (RFC 8259)");
            return null;
        }

        try
        {
            error = null;
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException exception)
        {
            error = Diagnose(utf8.Span, exception);
            return null;
        }
    }

    private static FhirReadError Diagnose(ReadOnlySpan<byte> utf8, JsonException exception)
    {
        if (EndOfFirstValue(utf8) is { } end)
        {
            var trailing = utf8[end..];
            var skipped = trailing.IndexOfAnyExcept(" \t\r\n"u8);
            var offset = end + skipped;
            var (line, column) = Position(utf8, offset);
            return new FhirReadError(
                FhirReadErrorKind.TrailingContent,
                $"trailing content after the JSON document at line {line}, byte {column}: {Excerpt(utf8[offset..])}; "
                + "the input must hold exactly one JSON value");
        }

        var reason = exception.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        var at = exception.LineNumber is { } zeroLine
            ? $" at line {zeroLine + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}"
            : "";
        return new FhirReadError(FhirReadErrorKind.MalformedJson, $"malformed JSON{at}: {reason.TrimEnd('.')}");
    }

    /// <summary>Where the first JSON value ends, when it is complete and valid and non-blank content follows it.</summary>
    private static int? EndOfFirstValue(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth, AllowMultipleValues = true });
            if (!reader.Read())
            {
                return null;
            }

            reader.Skip();
            var end = (int)reader.BytesConsumed;
            return utf8[end..].IndexOfAnyExcept(" \t\r\n"u8) >= 0 ? end : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, offset - lineStart + 1);
    }

    private static string Excerpt(ReadOnlySpan<byte> rest)
    {
        var length = Math.Min(rest.Length, 24);
        var text = Encoding.UTF8.GetString(rest[..length]).ReplaceLineEndings(" ").TrimEnd();
        var more = rest.Length > length ? "…" : "";
        return $"\"{text}{more}\"";
    }
}
