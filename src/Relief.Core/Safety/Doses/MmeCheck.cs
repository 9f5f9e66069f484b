using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// Morphine milligram equivalents per day (knowledge-format-safety.md §7.2): the sum over current and proposed opioids of daily mg
/// times the CDC factor. Only the highest threshold reached is reported. An opioid without a factor (e.g.
/// transdermal fentanyl) or without a computable dose makes the total a lower bound, and the finding says
/// which drug is missing; a lower bound that already reaches a threshold still fires.
/// </summary>
internal static class MmeCheck
{
    public static DoseFinding? Check(SafetyContext context, ImmutableArray<DoseRule> rules)
    {
        if (rules.IsEmpty)
        {
            return null;
        }

        var opioids = context.Active
            .SelectMany(m => m.Ingredients.Select(i => i.DrugId))
            .Where(i => rules.Any(r => r.Ingredients.Contains(i)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        decimal total = 0;
        var inputs = new List<ComputedInput>();
        var missing = new List<string>();
        var parts = new List<MedicationDose>();
        foreach (var opioid in opioids)
        {
            var dose = context.DailyDose(opioid);
            parts.AddRange(dose.Parts);
            if (!context.Rules.MmeFactors.TryGetValue(opioid, out var factor) || factor.NoFactorReason is not null)
            {
                var why = factor?.NoFactorReason ?? "no morphine-equivalent factor in Relief's knowledge";
                missing.Add($"{opioid}: {why}");
                foreach (var part in dose.Parts)
                {
                    context.Quality.Add(DataQualityKind.MmeIncomplete, $"{opioid} is not counted in the MME total ({why})", part.Medication.Reference, "mme");
                }

                continue;
            }

            if (factor.PerMicrogramPerHour)
            {
                // Transdermal systems: the factor multiplies the delivery rate, not a daily dose in mg.
                foreach (var medication in context.Active.Where(m => m.Contains(opioid)))
                {
                    if (TransdermalRate.Find(medication, context.Knowledge) is { } rate)
                    {
                        total += rate.MicrogramsPerHour * factor.Factor;
                        inputs.Add(new ComputedInput(opioid, $"{rate.Explanation} x {FactReferences.Format(factor.Factor)} = {FactReferences.Format(rate.MicrogramsPerHour * factor.Factor)} MME", medication.Reference));
                    }
                    else
                    {
                        missing.Add($"{opioid}: not a transdermal rate (mcg/h), the only form with a factor here");
                        context.Quality.Add(DataQualityKind.MmeIncomplete, $"{opioid} is not counted in the MME total: no transdermal rate (mcg/h) in '{medication.Fact.Medication}'", medication.Reference, "mme");
                    }
                }

                continue;
            }

            if (dose.MgPerDay is not { } mg)
            {
                missing.Add($"{opioid} daily dose not computable");
                foreach (var part in dose.Parts.Where(p => p.Problem is not null))
                {
                    context.Quality.Add(DataQualityKind.DoseNotComputable, $"{opioid} daily dose not computable: {part.Problem}", part.Medication.Reference, "mme");
                }

                continue;
            }

            total += mg * factor.Factor;
            inputs.Add(new ComputedInput(opioid, $"{FactReferences.Format(mg)} mg/day x {FactReferences.Format(factor.Factor)} = {FactReferences.Format(mg * factor.Factor)} MME"));
            inputs.AddRange(dose.Parts.Select(p => p.ToInput()));
        }

        var fired = rules.Where(r => total >= r.MinMme).OrderByDescending(r => r.MinMme).FirstOrDefault();
        if (fired is null)
        {
            return null;
        }

        var notes = new List<string>();
        if (missing.Count > 0)
        {
            notes.Add($"incomplete, the total is a lower bound: {string.Join("; ", missing)}");
        }

        if (parts.Any(p => p.AsNeeded))
        {
            notes.Add("as-needed maximum");
        }

        var computed = new ComputedValue("mme-daily", Math.Round(total, 1), "MME/day", "daily mg x CDC conversion factor", [.. inputs]);
        return new DoseFinding
        {
            RuleId = fired.Id,
            Kind = fired.Kind,
            Severity = fired.Severity,
            IngredientIds = [.. opioids],
            Computed = computed,
            Limit = new Quantity(fired.MinMme!.Value, "MME/day"),
            Facts = [.. parts.Select(p => p.Medication).DistinctBy(m => m.Reference).Select(m => FactReferences.Of(m.Fact))],
            Context = [],
            Codes = [.. parts.SelectMany(p => SafetyContext.CodesOf(p.Medication)).Distinct()],
            Rationale = fired.Rationale,
            Action = fired.Action,
            Sources = context.Cite(fired.SourceIds.Concat(opioids.Where(context.Rules.MmeFactors.ContainsKey).SelectMany(o => context.Rules.MmeFactors[o].SourceIds))),
            Notes = [.. notes],
        };
    }
}
