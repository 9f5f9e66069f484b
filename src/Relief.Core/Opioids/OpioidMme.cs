using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Core.Patients;
using Relief.Core.Safety;
using Relief.Core.Safety.Doses;

namespace Relief.Core.Opioids;

/// <summary>
/// Morphine milligram equivalents per day of one opioid order, with the CDC 2022 factors of safety/doses.yaml:
/// for each opioid ingredient, the mg per administration (a mass dose; a count of tablets, films or capsules
/// times the strength in the RxNorm name; millilitres times the MG/ML concentration) times the administrations a
/// day (frequencyMax when given: the most that can be taken) times the factor. Transdermal fentanyl is converted
/// from its rate: mcg/h of the patch times the patches worn at once (dose x applications a day x wear days from
/// "72 HR" in the name) times 2.4. Ingredients the 2022 table leaves out (buprenorphine, a partial agonist; fentanyl
/// other than transdermal) are reported as not converted, never counted as zero.
/// </summary>
internal sealed partial class OpioidMme(KnowledgeBase knowledge)
{
    private static readonly FrozenSet<string> CountUnits = new[]
    {
        "1", "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "each", "ea", "pill", "pills",
        "film", "films", "patch", "patches", "lozenge", "troche", "spray", "actuation", "suppository",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<![\d.])(\d+(?:\.\d+)?)\s*(MG|MCG|UG)/HR", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();

    [GeneratedRegex(@"^\s*(\d+)\s*HR\b", RegexOptions.IgnoreCase)]
    private static partial Regex WearHours();

    [GeneratedRegex(@"(?<![\d.])(\d+(?:\.\d+)?)\s*MG/ML", RegexOptions.IgnoreCase)]
    private static partial Regex Concentration();

    public MmeResult Compute(OpioidOrder order)
    {
        var fact = order.Fact;
        var opioidIngredients = order.Ingredients.Where(i => IsOpioid(i.DrugId)).ToList();
        if (opioidIngredients.Count == 0)
        {
            return MmeResult.Fail("no opioid ingredient recognised in the product");
        }

        if (fact.Dosages.IsDefaultOrEmpty)
        {
            return MmeResult.Fail("no dosage instructions");
        }

        decimal total = 0, dosesPerDay = 0;
        var method = new List<string>();
        foreach (var dosage in fact.Dosages)
        {
            var timing = dosage with { Frequency = dosage.FrequencyMax ?? dosage.Frequency };
            var (perDay, problem, _) = DailyDoseCalculator.AdministrationsPerDay(timing);
            if (perDay is not { } times)
            {
                return MmeResult.Fail(problem!);
            }

            dosesPerDay += times;
            foreach (var ingredient in opioidIngredients)
            {
                // A factor the source deliberately withholds (buprenorphine) is never counted as zero.
                if (!knowledge.Safety.MmeFactors.TryGetValue(ingredient.DrugId, out var factor) || factor.NoFactorReason is not null)
                {
                    return MmeResult.Fail(ingredient.DrugId == "buprenorphine"
                        ? "buprenorphine is not converted: the CDC 2022 MME table leaves it out (partial agonist)"
                        : $"{ingredient.Name} has no MME factor in the CDC 2022 table");
                }

                if (ingredient.DrugId == "fentanyl")
                {
                    var patch = TransdermalFentanyl(order, dosage, times);
                    if (patch.Problem is not null)
                    {
                        return MmeResult.Fail(patch.Problem);
                    }

                    total += patch.McgPerHour!.Value * factor.Factor;
                    method.Add($"{Number(patch.McgPerHour.Value)} mcg/h transdermal fentanyl x {Number(factor.Factor)}");
                    continue;
                }

                var (mg, amountProblem) = AmountMg(order, dosage, ingredient);
                if (mg is not { } amount)
                {
                    return MmeResult.Fail(amountProblem!);
                }

                total += amount * times * factor.Factor;
                method.Add($"{ingredient.Name} {Number(amount)} mg x {Number(times)}/day x {Number(factor.Factor)}");
            }
        }

        return new MmeResult(Math.Round(total, 1), string.Join(" + ", method), null, dosesPerDay);
    }

    private bool IsOpioid(string drugId) =>
        knowledge.Drugs.TryGetValue(drugId, out var drug) && knowledge.ClassChain(drug.ClassId).Contains("opioid");

    private static (decimal? McgPerHour, string? Problem) TransdermalFentanyl(OpioidOrder order, DosageFact dosage, decimal administrationsPerDay)
    {
        var name = Names(order.Fact).FirstOrDefault(n => n.Contains("Transdermal", StringComparison.OrdinalIgnoreCase));
        var route = dosage.Route ?? "";
        if (name is null && !route.Contains("transdermal", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "only transdermal fentanyl has a factor in the CDC 2022 MME table");
        }

        name ??= Names(order.Fact).FirstOrDefault() ?? "";
        var rate = Rate().Match(name);
        var wear = WearHours().Match(name);
        if (!rate.Success || !wear.Success)
        {
            return (null, "the patch's rate (mcg/h) and wear time (e.g. 72 HR) are not both stated in its name");
        }

        if (dosage.DoseValue is not { } patches || !(dosage.DoseUnit is null || CountUnits.Contains(dosage.DoseUnit.Trim('{', '}'))))
        {
            return (null, "the dose is not a number of patches");
        }

        var perHour = decimal.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
        if (rate.Groups[2].Value.Equals("MG", StringComparison.OrdinalIgnoreCase))
        {
            perHour *= 1000;
        }

        // Patches on the skin at once: applied per day x days each is worn. "1 patch every 3 days" of a 72 HR patch is one patch.
        var wearDays = int.Parse(wear.Groups[1].Value, CultureInfo.InvariantCulture) / 24m;
        var worn = patches * administrationsPerDay * wearDays;
        return (Math.Round(perHour * worn, 3), null);
    }

    private (decimal? Mg, string? Problem) AmountMg(OpioidOrder order, DosageFact dosage, IngredientMatch ingredient)
    {
        if (dosage.DoseValue is not { } dose)
        {
            return (null, "no dose quantity");
        }

        var unit = dosage.DoseUnit?.Trim().Trim('{', '}');
        var units = knowledge.Safety.Units;
        if (!string.IsNullOrEmpty(unit) && !CountUnits.Contains(unit) && !unit.Equals("mL", StringComparison.OrdinalIgnoreCase)
            && units.Normalise(unit, unit) is { } massUnit && units.TryConvert(dose, massUnit, "mg", null, out var mg))
        {
            return order.Ingredients.Length > 1
                ? (null, $"a dose in {unit} of a combination product does not say which ingredient it measures")
                : (mg, null);
        }

        if (string.Equals(unit, "mL", StringComparison.OrdinalIgnoreCase))
        {
            var concentration = ConcentrationMgPerMl(order.Fact, ingredient.DrugId);
            return concentration is { } perMl ? (dose * perMl, null) : (null, $"the MG/ML concentration of {ingredient.Name} is not stated in the product name");
        }

        if (string.IsNullOrEmpty(unit) || CountUnits.Contains(unit))
        {
            var strength = ProductStrengths.For(knowledge).Find(new ResolvedMedication(order.Fact, order.Ingredients), ingredient.DrugId);
            return strength is { } found ? (dose * found.Mg, null) : (null, $"the strength of {ingredient.Name} is not stated in the product name");
        }

        return (null, $"dose unit '{dosage.DoseUnit}' is neither a mass, millilitres nor a count of dose forms");
    }

    private decimal? ConcentrationMgPerMl(MedicationFact fact, string drugId)
    {
        foreach (var name in Names(fact))
        {
            foreach (var component in name.Split(" / ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (RxNormNameParser.Parse(component, knowledge).Any(d => d.Id == drugId) && Concentration().Match(component) is { Success: true } match)
                {
                    return decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Names(MedicationFact fact) =>
        fact.Medication.Codes.Select(c => fact.Medication.Displays.GetValueOrDefault(c)).Append(fact.Medication.Text).OfType<string>();

    private static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>MME/day of one order and how it was worked out, or why it could not be.</summary>
internal sealed record MmeResult(decimal? Value, string? Method, string? Problem, decimal? DosesPerDay)
{
    public static MmeResult Fail(string problem) => new(null, null, problem, null);
}
