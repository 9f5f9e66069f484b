using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Relief.Fhir.Reading;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// Checks a CDS Hooks request body against the specification and the hook's context (hooks library 1.0):
/// each defect is a <see cref="CdsRequestError"/> naming the element, never an exception. The first defect
/// found is reported; the order of checks follows the document (hook, hookInstance, fhirServer,
/// fhirAuthorization, context, prefetch).
/// </summary>
/// <remarks>
/// A body that is a complete JSON document followed by more content (the stray <c>}</c> ending 62 of the
/// CDC opioid guideline's example requests) is refused with a 400 saying where the extra content starts:
/// the specification requires JSON, and guessing which brace is stray could read a different request
/// than the EHR meant (three of those files have the extra brace in the middle, not at the end).
/// </remarks>
public static partial class CdsRequestReader
{
    /// <summary>Parses the body once; the caller owns (and disposes) the document.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8, out CdsRequestError? error)
    {
        var document = JsonDocumentLoader.Parse(utf8, out var readError);
        if (document is null)
        {
            var message = readError!.Kind switch
            {
                FhirReadErrorKind.Empty => "the request body is empty: expected a CDS Hooks request (JSON object)",
                _ => readError.Message,
            };
            error = CdsRequestError.Syntax(message);
            return null;
        }

        error = null;
        return document;
    }

    /// <summary>Reads a parsed request; <paramref name="expected"/> is the hook of the service called.</summary>
    public static CdsRequest? Read(JsonElement root, CdsHook? expected, out CdsRequestError? error)
    {
        error = Check(root, expected, out var request);
        return error is null ? request : null;
    }

    private static CdsRequestError? Check(JsonElement root, CdsHook? expected, out CdsRequest? request)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return CdsRequestError.Syntax($"the request body is {PrefetchReader.Describe(root)}: expected a CDS Hooks request (JSON object)");
        }

        if (RequiredString(root, "hook", "the name of the hook that fired", out var hookName) is { } hookError)
        {
            return hookError;
        }

        if (CdsHookNames.Parse(hookName) is not { } hook)
        {
            return new CdsRequestError(expected is null ? 400 : 422, "not-supported", "hook", $"hook \"{hookName}\" is not served by Relief (patient-view, order-select, order-sign)");
        }

        if (expected is { } service && service != hook)
        {
            return new CdsRequestError(422, "not-supported", "hook", $"hook \"{hookName}\" was sent to the {CdsHookNames.Of(service)} service; call the service discovered for {hookName}");
        }

        if (RequiredString(root, "hookInstance", "a UUID for this firing of the hook", out var hookInstance) is { } instanceError)
        {
            return instanceError;
        }

        Uri? fhirServer = null;
        if (root.TryGetProperty("fhirServer"u8, out var server) && server.ValueKind != JsonValueKind.Null)
        {
            if (server.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(server.GetString(), UriKind.Absolute, out fhirServer)
                || fhirServer.Scheme is not ("http" or "https"))
            {
                return CdsRequestError.Mistyped("fhirServer", "fhirServer must be the absolute http(s) base URL of the EHR's FHIR server");
            }
        }

        FhirAuthorization? authorization = null;
        if (root.TryGetProperty("fhirAuthorization"u8, out var auth) && auth.ValueKind != JsonValueKind.Null)
        {
            if (fhirServer is null)
            {
                // cds-r-1: the token is only meaningful for the server it was issued for.
                return new CdsRequestError(400, "required", "fhirServer", "fhirAuthorization was given without fhirServer (invariant cds-r-1): say which FHIR server the token is for");
            }

            if (ReadAuthorization(auth, out authorization) is { } authError)
            {
                return authError;
            }
        }

        if (!root.TryGetProperty("context"u8, out var context) || context.ValueKind == JsonValueKind.Null)
        {
            return CdsRequestError.Missing("context", "the hook's context (userId, patientId…)");
        }

        if (context.ValueKind != JsonValueKind.Object)
        {
            return CdsRequestError.Mistyped("context", $"context must be an object, found {PrefetchReader.Describe(context)}");
        }

        if (ReadContext(context, hook, out var cdsContext) is { } contextError)
        {
            return contextError;
        }

        var prefetch = PrefetchData.None;
        if (root.TryGetProperty("prefetch"u8, out var pre) && pre.ValueKind != JsonValueKind.Null)
        {
            if (pre.ValueKind != JsonValueKind.Object)
            {
                return CdsRequestError.Mistyped("prefetch", $"prefetch must be an object of key → FHIR data, found {PrefetchReader.Describe(pre)}");
            }

            prefetch = PrefetchReader.Read(pre);
        }

        request = new CdsRequest(hook, hookInstance!, cdsContext!, fhirServer, authorization, prefetch);
        return null;
    }

    private static CdsRequestError? ReadContext(JsonElement context, CdsHook hook, out CdsContext? result)
    {
        result = null;
        if (RequiredString(context, "context.userId", "the user who fired the hook, e.g. Practitioner/123", out var userId, "userId") is { } userError)
        {
            return userError;
        }

        if (!ReferencePattern().IsMatch(userId!))
        {
            return CdsRequestError.Mistyped("context.userId", $"context.userId \"{Clip(userId!)}\" must be a relative reference such as Practitioner/123");
        }

        if (RequiredString(context, "context.patientId", "the FHIR id of the patient in context", out var patientId, "patientId") is { } patientError)
        {
            return patientError;
        }

        // Some clients (the CDC opioid guideline's examples) send "Patient/123" where the hooks say "123".
        var bare = patientId!.StartsWith("Patient/", StringComparison.Ordinal) ? patientId["Patient/".Length..] : patientId;
        if (!FhirIdPattern().IsMatch(bare))
        {
            return CdsRequestError.Mistyped("context.patientId", $"context.patientId \"{Clip(patientId)}\" is not a FHIR id (letters, digits, '-' and '.', at most 64)");
        }

        string? encounterId = null;
        if (context.TryGetProperty("encounterId"u8, out var encounter) && encounter.ValueKind != JsonValueKind.Null)
        {
            if (encounter.ValueKind != JsonValueKind.String)
            {
                return CdsRequestError.Mistyped("context.encounterId", $"context.encounterId must be a string, found {PrefetchReader.Describe(encounter)}");
            }

            encounterId = encounter.GetString();
        }

        var selections = ImmutableArray<string>.Empty;
        JsonElement draftOrders = default;
        if (CdsHookNames.HasDraftOrders(hook))
        {
            if (!context.TryGetProperty("draftOrders"u8, out draftOrders) || draftOrders.ValueKind == JsonValueKind.Null)
            {
                return CdsRequestError.Missing("context.draftOrders", "a Bundle of the orders being written");
            }

            if (PrefetchReader.TypeOf(draftOrders) != "Bundle")
            {
                return CdsRequestError.Mistyped("context.draftOrders", $"context.draftOrders must be a FHIR Bundle, found {(PrefetchReader.TypeOf(draftOrders) is { } t ? t : PrefetchReader.Describe(draftOrders))}");
            }

            if (hook == CdsHook.OrderSelect && ReadSelections(context, draftOrders, out selections) is { } selectionError)
            {
                return selectionError;
            }
        }

        result = new CdsContext(userId!, bare, encounterId, selections, draftOrders);
        return null;
    }

    private static CdsRequestError? ReadSelections(JsonElement context, JsonElement draftOrders, out ImmutableArray<string> selections)
    {
        selections = [];
        if (!context.TryGetProperty("selections"u8, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return CdsRequestError.Missing("context.selections", "the ids of the selected draft orders, e.g. MedicationRequest/abc");
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return CdsRequestError.Mistyped("context.selections", "context.selections must be a non-empty array of references such as MedicationRequest/abc");
        }

        var drafts = DraftOrderLabels(draftOrders);
        var builder = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"context.selections[{index++}]";
            if (item.ValueKind != JsonValueKind.String || !ReferencePattern().IsMatch(item.GetString()!))
            {
                return CdsRequestError.Mistyped(at, $"{at} must be a reference such as MedicationRequest/abc");
            }

            var selection = item.GetString()!;
            if (!drafts.Contains(selection))
            {
                return new CdsRequestError(422, "value", at, $"{at} \"{Clip(selection)}\" names no resource in context.draftOrders");
            }

            builder.Add(selection);
        }

        selections = builder.ToImmutable();
        return null;
    }

    /// <summary><c>Type/id</c> of each resource in the draftOrders Bundle.</summary>
    internal static HashSet<string> DraftOrderLabels(JsonElement draftOrders)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        if (draftOrders.TryGetProperty("entry"u8, out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource"u8, out var resource)
                    && PrefetchReader.TypeOf(resource) is { } type
                    && resource.TryGetProperty("id"u8, out var id) && id.ValueKind == JsonValueKind.String)
                {
                    labels.Add($"{type}/{id.GetString()}");
                }
            }
        }

        return labels;
    }

    private static CdsRequestError? ReadAuthorization(JsonElement auth, out FhirAuthorization? authorization)
    {
        authorization = null;
        if (auth.ValueKind != JsonValueKind.Object)
        {
            return CdsRequestError.Mistyped("fhirAuthorization", $"fhirAuthorization must be an object, found {PrefetchReader.Describe(auth)}");
        }

        if (RequiredString(auth, "fhirAuthorization.access_token", "the OAuth 2.0 access token for fhirServer", out var token, "access_token") is { } tokenError)
        {
            return tokenError;
        }

        if (RequiredString(auth, "fhirAuthorization.token_type", "\"Bearer\"", out var type, "token_type") is { } typeError)
        {
            return typeError;
        }

        if (!string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return CdsRequestError.Mistyped("fhirAuthorization.token_type", $"fhirAuthorization.token_type must be \"Bearer\", found \"{Clip(type!)}\"");
        }

        int? expiresIn = null;
        if (auth.TryGetProperty("expires_in"u8, out var expires) && expires.ValueKind != JsonValueKind.Null)
        {
            if (expires.ValueKind != JsonValueKind.Number || !expires.TryGetInt32(out var seconds))
            {
                return CdsRequestError.Mistyped("fhirAuthorization.expires_in", "fhirAuthorization.expires_in must be a whole number of seconds");
            }

            expiresIn = seconds;
        }

        authorization = new FhirAuthorization(token!, "Bearer", expiresIn, OptionalString(auth, "scope"u8), OptionalString(auth, "subject"u8), OptionalString(auth, "patient"u8));
        return null;
    }

    private static CdsRequestError? RequiredString(JsonElement parent, string expression, string what, out string? value, string? name = null)
    {
        value = null;
        if (!parent.TryGetProperty(name ?? expression, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return CdsRequestError.Missing(expression, what);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return CdsRequestError.Mistyped(expression, $"{expression} must be a string, found {PrefetchReader.Describe(element)}");
        }

        value = element.GetString();
        if (string.IsNullOrWhiteSpace(value))
        {
            return CdsRequestError.Mistyped(expression, $"{expression} is empty: {what}");
        }

        return null;
    }

    private static string? OptionalString(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    // Error messages quote what the client sent, cut short: a hostile body does not get echoed in full.
    private static string Clip(string value) => value.Length <= 80 ? value : value[..80] + "…";

    /// <summary>CDS Hooks invariant ord-1 for userId and selections: <c>Type/id</c>.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_]+/[A-Za-z0-9_\-.]+$")]
    internal static partial Regex ReferencePattern();

    /// <summary>FHIR R4 id: what may be put into a search URL on the EHR's server.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9\-.]{1,64}$")]
    internal static partial Regex FhirIdPattern();
}
