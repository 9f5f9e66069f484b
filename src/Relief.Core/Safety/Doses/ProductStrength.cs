using System.Globalization;
using System.Text.RegularExpressions;
using Relief.Core.Assessment;
using Relief.Core.Codes;
using Relief.Core.Knowledge;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// The strength of one ingredient in a product, read from its RxNorm normalized name: in
/// "Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet" oxycodone is 5 mg per tablet. RxNorm
/// writes the strength in the salt form the label uses, so no salt conversion is done (knowledge-format-safety.md §7.1).
/// Concentrations ("50 MG/ML") are not strengths per unit and are not read.
/// </summary>
internal static partial class ProductStrength
{
    // A number and a mass unit not followed by "/" (which would make it a concentration or a rate).
    [GeneratedRegex(@"(?<![\d.])(\d+(?:\.\d+)?)\s*(MG|MCG|UG|G)(?![/\w])", RegexOptions.IgnoreCase)]
    private static partial Regex MassStrength();

    /// <summary>
    /// The names to read, most trusted first: the reviewed product table's name for the RxNorm code, then
    /// each coding's display, then the text.
    /// </summary>
    public static IEnumerable<string> Names(ResolvedMedication medication, KnowledgeBase knowledge)
    {
        var concept = medication.Fact.Medication;
        foreach (var code in concept.Codes)
        {
            if (code.System == CodeSystems.RxNorm && knowledge.Products.TryGetValue(code.Value, out var product))
            {
                yield return product.Name;
            }
        }

        foreach (var code in concept.Codes)
        {
            if (concept.Displays.TryGetValue(code, out var display))
            {
                yield return display;
            }
        }

        if (concept.Text is { } text)
        {
            yield return text;
        }
    }

    /// <summary>The strength in mg and the name it was read from, or null when no name states one for the ingredient.</summary>
    public static (decimal Mg, string Name)? Find(ResolvedMedication medication, string ingredientId, KnowledgeBase knowledge)
    {
        foreach (var name in Names(medication, knowledge).Distinct(StringComparer.Ordinal))
        {
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            var body = bracket >= 0 ? name[..bracket] : name;
            var components = body.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var component in components)
            {
                // A single-ingredient name needs no parsing of which ingredient it is; a combination does.
                var isIngredient = components.Length == 1 && medication.Ingredients.Length == 1 && medication.Contains(ingredientId)
                    || RxNormNameParser.Parse(component, knowledge).Any(d => d.Id == ingredientId);
                if (!isIngredient)
                {
                    continue;
                }

                var match = MassStrength().Match(component);
                if (!match.Success)
                {
                    continue;
                }

                var value = decimal.Parse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
                if (knowledge.Safety.Units.Normalise(match.Groups[2].Value, null) is { } unit
                    && knowledge.Safety.Units.TryConvert(value, unit, "mg", null, out var mg))
                {
                    return (mg, name);
                }
            }
        }

        return null;
    }
}
