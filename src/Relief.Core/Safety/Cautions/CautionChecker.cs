using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Cautions;

/// <summary>
/// Drug x patient factor (knowledge-format-safety.md §4): for each current or proposed medication, the cautions that name one of
/// its ingredients, where the factor holds. A caution whose factor depends on renal function that is unknown
/// is reported at the lowest severity, saying so, rather than dropped (knowledge-format-safety.md §2.2).
/// </summary>
internal static class CautionChecker
{
    public static ImmutableArray<CautionFinding> Check(SafetyContext context)
    {
        var findings = new List<CautionFinding>();
        var seen = new HashSet<(string Rule, string Resource)>();
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (!context.Rules.CautionsByIngredient.TryGetValue(ingredient.DrugId, out var cautions))
                {
                    continue;
                }

                foreach (var caution in cautions)
                {
                    // One finding per course: refills and renewals of the drug are not repeated.
                    if (!AppliesTo(caution, medication.Fact) || !seen.Add((caution.Id, context.ActiveCourseOf(medication).Key)))
                    {
                        continue;
                    }

                    if (caution.AgeMin is { } ageMin && (context.Age is not { } age || age < ageMin))
                    {
                        continue;
                    }

                    var factor = context.Factor(caution.FactorId);
                    if (factor.Holds || factor.RenalFunctionUnknown)
                    {
                        findings.Add(Finding(context, caution, medication, factor));
                    }
                }
            }
        }

        return [.. findings];
    }

    private static bool AppliesTo(Caution caution, MedicationFact medication) => caution.AppliesTo switch
    {
        Knowledge.Safety.AppliesTo.Proposed => medication.Use == MedicationUse.Proposed,
        Knowledge.Safety.AppliesTo.Current => medication.Use == MedicationUse.Current,
        _ => true,
    };

    private static CautionFinding Finding(SafetyContext context, Caution caution, ResolvedMedication medication, Factors.FactorResult factor)
    {
        var definition = context.Rules.Factors[caution.FactorId];
        var unknown = !factor.Holds;
        var notes = factor.Notes.ToBuilder();
        if (unknown)
        {
            notes.Add($"renal function unknown: {caution.Severity.ToString().ToLowerInvariant()} if {definition.Name.ToLowerInvariant()}; check creatinine (with weight) or eGFR");
            context.Quality.Add(DataQualityKind.RenalFunctionUnknown, $"no creatinine with weight and age, and no eGFR, to judge '{definition.Name}'", medication.Reference, caution.Id);
        }

        foreach (var computed in factor.Computed)
        {
            notes.AddRange(computed.Notes);
        }

        if (context.ActiveCourseOf(medication).Note is { } course)
        {
            notes.Add(course);
        }

        return new CautionFinding
        {
            RuleId = caution.Id,
            Severity = unknown ? CautionSeverity.Caution : caution.Severity,
            BoxedWarning = caution.BoxedWarning,
            FactorId = definition.Id,
            FactorName = definition.Name,
            Criterion = factor.Criterion ?? "kidney-function",
            FactorUnknown = unknown,
            IngredientIds = [.. medication.Ingredients.Select(i => i.DrugId).Where(caution.Ingredients.Contains)],
            Facts = [.. context.ActiveCourseOf(medication).Facts(), .. factor.Facts],
            Computed = factor.Computed,
            Codes = [.. SafetyContext.CodesOf(medication), .. factor.Codes],
            Rationale = caution.Rationale,
            Action = caution.Action,
            Sources = context.Cite(caution.SourceIds.Concat(definition.SourceIds)),
            Notes = [.. notes.Distinct(StringComparer.Ordinal)],
        };
    }
}
