using System.Text.Json;
using Relief.Fhir.Reading.Elements;
using Relief.Fhir.Reading.Resources;

namespace Relief.Fhir.Reading;

/// <summary>
/// Reads one FHIR R4 Bundle (JSON) into one patient's record. The bytes are parsed once into a
/// <see cref="JsonDocument"/> over the caller's memory; entries the assessment does not use (Claim,
/// ExplanationOfBenefit, Encounter... most of a Synthea bundle) are counted by type and never read further.
/// Nothing throws for bad input: every outcome is a <see cref="FhirReadResult"/>.
/// </summary>
public static class FhirBundleReader
{
    private static readonly HashSet<string> BundleTypes = new(StringComparer.Ordinal)
    {
        "collection", "searchset", "transaction", "batch", "transaction-response", "batch-response",
        "document", "message", "history",
    };

    public static FhirReadResult ReadFile(string path, FhirReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= FhirReadOptions.Default;
        if (!File.Exists(path))
        {
            return FhirReadResult.Failure(
                Directory.Exists(path) ? FhirReadErrorKind.Unreadable : FhirReadErrorKind.NotFound,
                Directory.Exists(path) ? "is a directory, not a bundle file" : "no such file or directory");
        }

        PooledFileBytes bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > options.MaxBytes)
            {
                return TooLarge(length, options);
            }

            bytes = PooledFileBytes.Read(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return FhirReadResult.Failure(FhirReadErrorKind.Unreadable, $"cannot read {path}: {exception.Message}");
        }

        // Read disposes its JsonDocument before returning and the result holds no part of it: the buffer can go back.
        using (bytes)
        {
            return Read(bytes.Memory, options);
        }
    }

    public static FhirReadResult Read(ReadOnlyMemory<byte> utf8, FhirReadOptions? options = null)
    {
        options ??= FhirReadOptions.Default;
        if (utf8.Length > options.MaxBytes)
        {
            return TooLarge(utf8.Length, options);
        }

        using var document = JsonDocumentLoader.Parse(utf8, out var error);
        if (document is null)
        {
            return FhirReadResult.Failure(error!.Kind, error.Message);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return FhirReadResult.Failure(
                FhirReadErrorKind.NotAnObject,
                $"expected a FHIR Bundle (a JSON object), found {TolerantJson.Describe(root)}");
        }

        if (NotABundle(root) is { } notABundle)
        {
            return FhirReadResult.Failure(FhirReadErrorKind.NotABundle, notABundle);
        }

        var context = new ReadContext(options);
        var versions = new FhirVersionEvidence();
        versions.ObserveMeta(root, "Bundle");
        var type = TolerantJson.String(root, "type"u8, ElementPath.Root, context);
        if (type is null)
        {
            context.Warn("type", "type is missing (FHIR R4 requires it); entries read as a collection");
        }
        else if (!BundleTypes.Contains(type))
        {
            context.Warn("type", $"type \"{type}\" is not an R4 bundle type; entries read as a collection");
        }

        return RecordAssembler.Assemble(Entries(root, "Bundle", type == "history", context), versions, context, newestFirst: type == "history");
    }

    /// <summary>The resources of a bundle's entries, with their fullUrls, in document order.</summary>
    internal static List<RawEntry> Entries(JsonElement bundle, string location, bool history, ReadContext context, List<RawEntry>? into = null)
    {
        var entries = into ?? [];
        var index = 0;
        foreach (var entry in TolerantJson.Array(bundle, "entry"u8, ElementPath.Root, context))
        {
            var at = index++;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                context.WarnAt($"{location}.entry[{at}]", "", $"{location}.entry[{at}] should be an object, found {TolerantJson.Describe(entry)}; ignored");
                continue;
            }

            var fullUrl = entry.TryGetProperty("fullUrl"u8, out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            if (entry.TryGetProperty("resource"u8, out var resource))
            {
                entries.Add(new RawEntry(resource, fullUrl, $"{location}.entry[{at}]"));
            }
            else if (history && DeletedLabel(entry) is { } deleted)
            {
                entries.Add(new RawEntry(default, fullUrl, $"{location}.entry[{at}]", deleted));
            }
        }

        return entries;
    }

    private static string? DeletedLabel(JsonElement entry)
    {
        if (entry.TryGetProperty("request"u8, out var request) && request.ValueKind == JsonValueKind.Object
            && request.TryGetProperty("method"u8, out var method) && method.ValueKind == JsonValueKind.String && method.ValueEquals("DELETE"u8)
            && request.TryGetProperty("url"u8, out var url) && url.ValueKind == JsonValueKind.String)
        {
            return References.TypeAndId("/" + url.GetString());
        }

        return null;
    }

    private static string? NotABundle(JsonElement root)
    {
        if (root.TryGetProperty("resourceType"u8, out var type) && type.ValueKind == JsonValueKind.String)
        {
            return type.ValueEquals("Bundle"u8) ? null : $"expected a FHIR Bundle, found {type.GetString()}";
        }

        if (root.TryGetProperty("hook"u8, out var hook) && root.TryGetProperty("context"u8, out _))
        {
            var name = hook.ValueKind == JsonValueKind.String ? $" ({hook.GetString()})" : "";
            return $"expected a FHIR Bundle, found a CDS Hooks request{name}; its prefetch is read by PatientRecordReader.FromResources";
        }

        return "expected a FHIR Bundle, found a JSON object without resourceType";
    }

    private static FhirReadResult TooLarge(long length, FhirReadOptions options) =>
        FhirReadResult.Failure(
            FhirReadErrorKind.TooLarge,
            $"the input is {Megabytes(length)}, over the {Megabytes(options.MaxBytes)} limit Relief reads");

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024
            ? $"{bytes / (1024.0 * 1024.0):0.#} MB"
            : $"{bytes} bytes";
}
