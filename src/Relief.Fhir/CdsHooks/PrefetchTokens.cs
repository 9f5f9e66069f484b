using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// Fills a prefetch template's tokens for one request, as an EHR would: <c>{{context.patientId}}</c> and the
/// other root-level primitive context fields, the user identifiers (<c>{{userPractitionerId}}</c>,
/// <c>{{userPractitionerRoleId}}</c>, <c>{{userPatientId}}</c>, <c>{{userRelatedPersonId}}</c>) and dates
/// (<c>{{today()}}</c>, <c>{{today() - 2 years}}</c>, units days, weeks, months, years). Values are
/// URL-escaped. A token that cannot be filled (the user is not a Practitioner) gives null: the template is
/// skipped, as the specification tells clients to do.
/// </summary>
public static partial class PrefetchTokens
{
    public static string? Expand(string template, CdsRequest request, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        var result = new StringBuilder(template.Length + 32);
        var last = 0;
        foreach (Match match in TokenPattern().Matches(template))
        {
            var value = Value(match.Groups[1].Value.Trim(), request, today);
            if (value is null)
            {
                return null;
            }

            result.Append(template, last, match.Index - last).Append(Uri.EscapeDataString(value));
            last = match.Index + match.Length;
        }

        return result.Append(template, last, template.Length - last).ToString();
    }

    private static string? Value(string token, CdsRequest request, LocalDate today)
    {
        var context = request.Context;
        switch (token)
        {
            case "context.patientId":
                return context.PatientId;
            case "context.userId":
                return context.UserId;
            case "context.encounterId":
                return context.EncounterId;
            case "userPractitionerId":
                return context.UserPractitionerId;
            case "userPractitionerRoleId":
                return IdOf(context.UserId, "PractitionerRole/");
            case "userPatientId":
                return IdOf(context.UserId, "Patient/");
            case "userRelatedPersonId":
                return IdOf(context.UserId, "RelatedPerson/");
        }

        var date = DatePattern().Match(token);
        if (!date.Success)
        {
            return null;
        }

        var day = today;
        if (date.Groups["sign"].Success)
        {
            var amount = int.Parse(date.Groups["amount"].Value, CultureInfo.InvariantCulture);
            if (date.Groups["sign"].Value == "-")
            {
                amount = -amount;
            }

            day = date.Groups["unit"].Value.TrimEnd('s') switch
            {
                "day" => day.PlusDays(amount),
                "week" => day.PlusWeeks(amount),
                "month" => day.PlusMonths(amount),
                _ => day.PlusYears(amount),
            };
        }

        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string? IdOf(string reference, string prefix) =>
        reference.StartsWith(prefix, StringComparison.Ordinal) ? reference[prefix.Length..] : null;

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^today\(\)(?:\s*(?<sign>[+-])\s*(?<amount>\d{1,4})\s*(?<unit>days?|weeks?|months?|years?))?$")]
    private static partial Regex DatePattern();
}
