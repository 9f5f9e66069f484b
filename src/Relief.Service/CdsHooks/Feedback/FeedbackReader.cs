using System.Globalization;
using System.Text.Json;
using Relief.Fhir.CdsHooks;
using Relief.Store.Feedback;

namespace Relief.Service.CdsHooks.Feedback;

/// <summary>
/// Checks a feedback body against the specification: <c>feedback</c> is a non-empty array; each item names its
/// <c>card</c> (uuid), an <c>outcome</c> of <c>accepted</c> or <c>overridden</c> and an
/// <c>outcomeTimestamp</c> (RFC 3339 with a zone); accepted needs <c>acceptedSuggestions</c> (each with an
/// <c>id</c>) and takes no <c>overrideReason</c>; overridden takes no accepted suggestions, and its
/// <c>overrideReason.reason</c>, when given, is a Coding with code and system. One bad item refuses the whole
/// body (400), so nothing is half stored.
/// </summary>
public static class FeedbackReader
{
    public static IReadOnlyList<FeedbackEntry>? Read(JsonElement root, string serviceId, DateTimeOffset receivedAt, out CdsRequestError? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("feedback"u8, out var items))
        {
            error = CdsRequestError.Missing("feedback", "an array of feedback items");
            return null;
        }

        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            error = CdsRequestError.Mistyped("feedback", "feedback must be a non-empty array of feedback items");
            return null;
        }

        var entries = new List<FeedbackEntry>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"feedback[{index++}]";
            if (Item(item, at, serviceId, receivedAt, out error) is not { } entry)
            {
                return null;
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static FeedbackEntry? Item(JsonElement item, string at, string serviceId, DateTimeOffset receivedAt, out CdsRequestError? error)
    {
        error = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = CdsRequestError.Mistyped(at, $"{at} must be an object");
            return null;
        }

        if (String(item, "card", at, required: true, out error) is not { } card)
        {
            return null;
        }

        if (String(item, "outcome", at, required: true, out error) is not { } outcome)
        {
            return null;
        }

        if (outcome is not ("accepted" or "overridden"))
        {
            error = CdsRequestError.Mistyped($"{at}.outcome", $"{at}.outcome must be \"accepted\" or \"overridden\"");
            return null;
        }

        if (String(item, "outcomeTimestamp", at, required: true, out error) is not { } timestamp)
        {
            return null;
        }

        if (!DateTimeOffset.TryParseExact(timestamp, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var when)
            || !(timestamp.EndsWith('Z') || timestamp.Length > 6 && timestamp[^6] is '+' or '-'))
        {
            error = CdsRequestError.Mistyped($"{at}.outcomeTimestamp", $"{at}.outcomeTimestamp must be an RFC 3339 date-time with a zone, e.g. 2026-11-30T09:15:00Z");
            return null;
        }

        var hasSuggestions = item.TryGetProperty("acceptedSuggestions"u8, out var suggestions) && suggestions.ValueKind != JsonValueKind.Null;
        var hasReason = item.TryGetProperty("overrideReason"u8, out var reason) && reason.ValueKind != JsonValueKind.Null;
        var entry = new FeedbackEntry { ServiceId = serviceId, CardUuid = card, Outcome = outcome, OutcomeAt = when.ToUniversalTime(), ReceivedAt = receivedAt };
        if (outcome == "accepted")
        {
            if (!hasSuggestions || suggestions.ValueKind != JsonValueKind.Array || suggestions.GetArrayLength() == 0)
            {
                error = new CdsRequestError(400, "required", $"{at}.acceptedSuggestions", $"{at}: an accepted card needs acceptedSuggestions, the suggestions taken (each with its id)");
                return null;
            }

            if (hasReason)
            {
                error = new CdsRequestError(400, "invariant", $"{at}.overrideReason", $"{at}: overrideReason belongs to an overridden card, not an accepted one");
                return null;
            }

            var ids = new List<string>();
            var i = 0;
            foreach (var suggestion in suggestions.EnumerateArray())
            {
                var s = $"{at}.acceptedSuggestions[{i++}]";
                if (suggestion.ValueKind != JsonValueKind.Object || String(suggestion, "id", s, required: true, out error) is not { } id)
                {
                    error ??= CdsRequestError.Mistyped(s, $"{s} must be an object with the suggestion's id");
                    return null;
                }

                ids.Add(id);
            }

            entry.AcceptedSuggestions = string.Join(' ', ids);
            return entry;
        }

        if (hasSuggestions && (suggestions.ValueKind != JsonValueKind.Array || suggestions.GetArrayLength() > 0))
        {
            error = new CdsRequestError(400, "invariant", $"{at}.acceptedSuggestions", $"{at}: an overridden card has no accepted suggestions");
            return null;
        }

        if (hasReason)
        {
            if (reason.ValueKind != JsonValueKind.Object)
            {
                error = CdsRequestError.Mistyped($"{at}.overrideReason", $"{at}.overrideReason must be an object with reason (a Coding) and/or userComment");
                return null;
            }

            if (reason.TryGetProperty("reason"u8, out var coding) && coding.ValueKind != JsonValueKind.Null)
            {
                var r = $"{at}.overrideReason.reason";
                if (coding.ValueKind != JsonValueKind.Object
                    || String(coding, "code", r, required: true, out error) is not { } code
                    || String(coding, "system", r, required: true, out error) is not { } system)
                {
                    error ??= CdsRequestError.Mistyped(r, $"{r} must be a Coding with code and system");
                    return null;
                }

                entry.ReasonCode = code;
                entry.ReasonSystem = system;
                entry.ReasonDisplay = String(coding, "display", r, required: false, out error);
                if (error is not null)
                {
                    return null;
                }
            }

            entry.UserComment = String(reason, "userComment", $"{at}.overrideReason", required: false, out error);
            if (error is not null)
            {
                return null;
            }
        }

        return entry;
    }

    private static string? String(JsonElement parent, string name, string at, bool required, out CdsRequestError? error)
    {
        error = null;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                error = CdsRequestError.Missing($"{at}.{name}", name);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            error = CdsRequestError.Mistyped($"{at}.{name}", $"{at}.{name} must be a non-empty string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > 4000)
        {
            error = CdsRequestError.Mistyped($"{at}.{name}", $"{at}.{name} is over 4000 characters");
            return null;
        }

        return text;
    }
}
