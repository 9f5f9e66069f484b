using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Safety.Factors;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// Dose rules (knowledge-format-safety.md §7.2) for the ingredients of current and proposed medications: maxima (some only for a
/// patient factor or a co-medication), renal dose bands by creatinine clearance, the once-weekly methotrexate
/// pattern, and morphine milligram equivalents over all opioids.
/// </summary>
internal static class DoseChecker
{
    public static ImmutableArray<DoseFinding> Check(SafetyContext context)
    {
        var rules = new SortedDictionary<string, DoseRule>(StringComparer.Ordinal);
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (context.Rules.DoseRulesByIngredient.TryGetValue(ingredient.DrugId, out var candidates))
                {
                    foreach (var rule in candidates)
                    {
                        rules.TryAdd(rule.Id, rule);
                    }
                }
            }
        }

        if (rules.Count == 0)
        {
            return [];
        }

        var findings = new List<DoseFinding>();
        foreach (var rule in rules.Values)
        {
            switch (rule.Kind)
            {
                case DoseRuleKind.MaxDaily:
                    findings.AddRange(MaxDaily(context, rule));
                    break;
                case DoseRuleKind.RenalBands:
                    findings.AddRange(RenalBands(context, rule));
                    break;
                case DoseRuleKind.Pattern:
                    findings.AddRange(WeeklyPattern.Check(context, rule));
                    break;
                case DoseRuleKind.MaxDailyPerKg:
                    findings.AddRange(WeightWeeklyAndCompanionChecks.PerKg(context, rule));
                    break;
                case DoseRuleKind.MaxWeekly:
                    findings.AddRange(WeightWeeklyAndCompanionChecks.Weekly(context, rule));
                    break;
                case DoseRuleKind.Companion:
                    findings.AddRange(WeightWeeklyAndCompanionChecks.Companion(context, rule));
                    break;
            }
        }

        if (MmeCheck.Check(context, [.. rules.Values.Where(r => r.Kind == DoseRuleKind.MmeDaily)]) is { } mme)
        {
            findings.Add(mme);
        }

        return [.. findings];
    }

    private static IEnumerable<DoseFinding> MaxDaily(SafetyContext context, DoseRule rule)
    {
        // A rule for a factor (age over 75, CrCl below 30) applies only when it holds; renal function that is
        // unknown gives the finding at the lowest severity, saying so, when the dose is over the limit.
        FactorResult? factor = null;
        if (rule.FactorId is { } factorId)
        {
            factor = context.Factor(factorId);
            if (!factor.Holds && !factor.RenalFunctionUnknown)
            {
                yield break;
            }
        }

        var partners = rule.WithIngredients.Count == 0
            ? []
            : context.Active.Where(m => m.Ingredients.Any(i => rule.WithIngredients.Contains(i.DrugId))).ToList();
        if (rule.WithIngredients.Count > 0 && partners.Count == 0)
        {
            yield break;
        }

        foreach (var ingredient in rule.Ingredients.Where(context.HasActive).Order(StringComparer.Ordinal))
        {
            var dose = context.DailyDose(ingredient);
            if (!Computable(context, rule, dose) || !LimitMg(context, rule.MaxDaily!, out var limit) || dose.MgPerDay <= limit)
            {
                continue;
            }

            var unknown = factor is { Holds: false };
            var notes = new List<string>();
            if (dose.AsNeeded)
            {
                notes.Add("as-needed maximum");
            }

            if (unknown)
            {
                notes.Add($"renal function unknown: the limit applies if {context.Rules.Factors[rule.FactorId!].Name.ToLowerInvariant()}");
                context.Quality.Add(DataQualityKind.RenalFunctionUnknown, $"renal function unknown for dose rule {rule.Id}", null, rule.Id);
            }

            notes.AddRange(factor?.Computed.SelectMany(c => c.Notes) ?? []);
            yield return new DoseFinding
            {
                RuleId = rule.Id,
                Kind = rule.Kind,
                Severity = unknown ? DoseSeverity.Moderate : rule.Severity,
                IngredientIds = [ingredient],
                Computed = dose.ToComputed(),
                Limit = rule.MaxDaily,
                Facts = [.. dose.Parts.Select(p => FactReferences.Of(p.Medication.Fact)), .. factor?.Facts ?? [], .. partners.Select(p => FactReferences.Of(p.Fact, "taken with"))],
                Context = factor?.Computed ?? [],
                Codes = [.. dose.Parts.SelectMany(p => SafetyContext.CodesOf(p.Medication)), .. factor?.Codes ?? [], .. partners.SelectMany(SafetyContext.CodesOf)],
                Rationale = rule.Rationale,
                Action = rule.Action,
                Sources = context.Cite(rule.SourceIds),
                Notes = [.. notes.Distinct(StringComparer.Ordinal)],
            };
        }
    }

    private static IEnumerable<DoseFinding> RenalBands(SafetyContext context, DoseRule rule)
    {
        foreach (var ingredient in rule.Ingredients.Where(context.HasActive).Order(StringComparer.Ordinal))
        {
            var dose = context.DailyDose(ingredient);
            if (!Computable(context, rule, dose))
            {
                continue;
            }

            var kidney = context.Kidney;
            if (kidney.RawCrcl is not { } clearance)
            {
                context.Quality.Add(DataQualityKind.RenalFunctionUnknown, $"renal function unknown: the {ingredient} dose cannot be checked against the creatinine-clearance bands", null, rule.Id);
                continue;
            }

            var band = rule.Bands.First(b => b.Contains(clearance));
            if (!LimitMg(context, band.MaxDaily, out var limit) || dose.MgPerDay <= limit)
            {
                continue;
            }

            var notes = new List<string> { $"creatinine clearance {FactReferences.Format(kidney.Crcl!.Value)} mL/min is in the band {Band(band)}: maximum {band.MaxDaily}/day" };
            notes.AddRange(kidney.Crcl.Notes);
            if (dose.AsNeeded)
            {
                notes.Add("as-needed maximum");
            }

            yield return new DoseFinding
            {
                RuleId = rule.Id,
                Kind = rule.Kind,
                Severity = rule.Severity,
                IngredientIds = [ingredient],
                Computed = dose.ToComputed(),
                Limit = band.MaxDaily,
                Facts = [.. dose.Parts.Select(p => FactReferences.Of(p.Medication.Fact))],
                Context = [kidney.Crcl],
                Codes = [.. dose.Parts.SelectMany(p => SafetyContext.CodesOf(p.Medication))],
                Rationale = rule.Rationale,
                Action = rule.Action,
                Sources = context.Cite(rule.SourceIds),
                Notes = [.. notes],
            };
        }
    }

    private static string Band(RenalBand band) => (band.Min, band.Below) switch
    {
        ({ } min, { } below) => $"{FactReferences.Format(min)}-{FactReferences.Format(below)} mL/min",
        ({ } min, null) => $">= {FactReferences.Format(min)} mL/min",
        (null, { } below) => $"< {FactReferences.Format(below)} mL/min",
        _ => "any",
    };

    /// <summary>A dose that cannot be computed fires no rule; a note says so for the ingredients that have rules.</summary>
    internal static bool Computable(SafetyContext context, DoseRule rule, IngredientDose dose)
    {
        if (dose.MgPerDay is not null)
        {
            return true;
        }

        foreach (var part in dose.Parts.Where(p => p.Problem is not null))
        {
            context.Quality.Add(DataQualityKind.DoseNotComputable, $"{dose.IngredientId} daily dose not computable: {part.Problem}", part.Medication.Reference, rule.Id);
        }

        return false;
    }

    internal static bool LimitMg(SafetyContext context, Quantity limit, out decimal mg) =>
        context.Rules.Units.TryConvert(limit.Value, limit.Unit, "mg", null, out mg);
}
