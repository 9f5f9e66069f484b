using System.Globalization;
using System.Text.RegularExpressions;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// The delivery rate of a transdermal system in micrograms per hour, read from its RxNorm name ("72 HR Fentanyl
/// 0.075 MG/HR Transdermal System" = 75 mcg/h), times the number of systems applied at once (the dose quantity
/// when it is a count; one otherwise). Used for the MME of fentanyl patches (CDC 2022: 2.4 MME per mcg/h).
/// </summary>
internal static partial class TransdermalRate
{
    [GeneratedRegex(@"(?<![\d.])(\d+(?:\.\d+)?)\s*(MG|MCG|UG)\s*/\s*(HR|H)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();

    public static (decimal MicrogramsPerHour, string Explanation)? Find(ResolvedMedication medication, KnowledgeBase knowledge)
    {
        foreach (var name in ProductStrength.Names(medication, knowledge).Distinct(StringComparer.Ordinal))
        {
            var match = Rate().Match(name);
            if (!match.Success)
            {
                continue;
            }

            var value = decimal.Parse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
            var perHour = match.Groups[2].Value.Equals("MG", StringComparison.OrdinalIgnoreCase) ? value * 1000 : value;
            var dosage = medication.Fact.Dosages.FirstOrDefault();
            var systems = dosage is { DoseValue: { } count } && count > 0 && IsCount(dosage.DoseUnit) ? count : 1;
            var total = perHour * systems;
            return (total, $"{FactReferences.Format(perHour)} mcg/h x {FactReferences.Format(systems)} applied at once = {FactReferences.Format(total)} mcg/h ({name})");
        }

        return null;
    }

    private static bool IsCount(string? unit) =>
        unit is null || unit.Length == 0 || unit is "1" or "{patch}" or "patch" or "patches" or "{system}" || unit.Contains("patch", StringComparison.OrdinalIgnoreCase)
        || unit.Contains("system", StringComparison.OrdinalIgnoreCase);
}
