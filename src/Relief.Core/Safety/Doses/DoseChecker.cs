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
        var rules = CandidateRules.Of(context, context.Rules.DoseRulesByIngredient, static r => r.Id);
        if (rules.IsDefault)
        {
            return [];
        }

        var findings = new List<DoseFinding>();
        List<DoseRule>? mmeRules = null;
        foreach (var rule in rules)
        {
            switch (rule.Kind)
            {
                case DoseRuleKind.MaxDaily:
                    MaxDaily(context, rule, findings);
                    break;
                case DoseRuleKind.MmeDaily:
                    (mmeRules ??= []).Add(rule);
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

        if (mmeRules is not null && MmeCheck.Check(context, [.. mmeRules]) is { } mme)
        {
            findings.Add(mme);
        }

        return findings.Count == 0 ? [] : [.. findings];
    }

    private static void MaxDaily(SafetyContext context, DoseRule rule, List<DoseFinding> findings)
    {
        // A rule for a factor (age over 75, CrCl below 30) applies only when it holds; renal function that is
        // unknown gives the finding at the lowest severity, saying so, when the dose is over the limit.
        FactorResult? factor = null;
        if (rule.FactorId is { } factorId)
        {
            factor = context.Factor(factorId);
            if (!factor.Holds && !factor.RenalFunctionUnknown)
            {
                return;
            }
        }

        List<ResolvedMedication>? partners = null;
        if (rule.WithIngredients.Count > 0)
        {
            foreach (var medication in context.Active)
            {
                if (medication.ContainsAny(rule.WithIngredients))
                {
                    (partners ??= []).Add(medication);
                }
            }

            if (partners is null)
            {
                return;
            }
        }

        foreach (var ingredient in ActiveIngredientsOf(context, rule))
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
            findings.Add(new DoseFinding
            {
                RuleId = rule.Id,
                Kind = rule.Kind,
                Severity = unknown ? DoseSeverity.Moderate : rule.Severity,
                IngredientIds = [ingredient],
                Computed = dose.ToComputed(),
                Limit = rule.MaxDaily,
                Facts = [.. dose.Parts.Select(p => FactReferences.Of(p.Medication.Fact)), .. factor?.Facts ?? [], .. (partners ?? []).Select(p => FactReferences.Of(p.Fact, "taken with"))],
                Context = factor?.Computed ?? [],
                Codes = [.. dose.Parts.SelectMany(p => SafetyContext.CodesOf(p.Medication)), .. factor?.Codes ?? [], .. (partners ?? []).SelectMany(SafetyContext.CodesOf)],
                Rationale = rule.Rationale,
                Action = rule.Action,
                Sources = context.Cite(rule.SourceIds),
                Notes = [.. notes.Distinct(StringComparer.Ordinal)],
            });
        }
    }

    /// <summary>The rule's ingredients the patient takes (current or proposed), in id order.</summary>
    internal static List<string> ActiveIngredientsOf(SafetyContext context, DoseRule rule)
    {
        var ingredients = new List<string>();
        foreach (var ingredient in rule.Ingredients)
        {
            if (context.HasActive(ingredient))
            {
                ingredients.Add(ingredient);
            }
        }

        ingredients.Sort(StringComparer.Ordinal);
        return ingredients;
    }

    private static IEnumerable<DoseFinding> RenalBands(SafetyContext context, DoseRule rule)
    {
        foreach (var ingredient in ActiveIngredientsOf(context, rule))
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
