using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Cautions;

/// <summary>
/// Drug x patient factor (knowledge-format-safety.md §4): for each current or proposed medication, the cautions that name one of
/// its ingredients, where the factor holds. A caution whose factor depends on renal function that is unknown
/// is reported at the lowest severity, saying so, rather than dropped (knowledge-format-safety.md §2.2). A caution that
/// applies to stopped drugs looks at past orders instead (<see cref="CheckStopped"/>).
/// </summary>
internal static class CautionChecker
{
    public static ImmutableArray<CautionFinding> Check(SafetyContext context)
    {
        // Made on the first caution that names a patient's drug: most drugs have none.
        List<CautionFinding>? findings = null;
        List<(string Rule, string Course)>? seen = null;
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
                    if (!AppliesTo(caution, medication.Fact) || !FirstFor(ref seen, caution.Id, context.ActiveCourseOf(medication).Key))
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
                        (findings ??= []).Add(Finding(context, caution, medication, factor));
                    }
                }
            }
        }

        CheckStopped(context, ref findings);
        return findings is null ? [] : [.. findings];
    }

    // True the first time a rule meets a course (a patient meets a few: a list scan, not a set).
    private static bool FirstFor(ref List<(string Rule, string Course)>? seen, string rule, string course)
    {
        seen ??= [];
        foreach (var (seenRule, seenCourse) in seen)
        {
            if (string.Equals(seenRule, rule, StringComparison.Ordinal) && string.Equals(seenCourse, course, StringComparison.Ordinal))
            {
                return false;
            }
        }

        seen.Add((rule, course));
        return true;
    }

    /// <summary>Only the cautions for stopped drugs: a record without current or proposed medications.</summary>
    public static ImmutableArray<CautionFinding> CheckStoppedOnly(SafetyContext context)
    {
        List<CautionFinding>? findings = null;
        CheckStopped(context, ref findings);
        return findings is null ? [] : [.. findings];
    }

    private static bool AppliesTo(Caution caution, MedicationFact medication) => caution.AppliesTo switch
    {
        Knowledge.Safety.AppliesTo.Proposed => medication.Use == MedicationUse.Proposed,
        Knowledge.Safety.AppliesTo.Current => medication.Use == MedicationUse.Current,
        Knowledge.Safety.AppliesTo.Stopped => false,
        _ => true,
    };

    /// <summary>
    /// Cautions for a drug stopped within N days (its end, else its start, since it stopped after it started), when no
    /// current or proposed order of the drug exists: one finding per caution, naming the latest such order.
    /// </summary>
    private static void CheckStopped(SafetyContext context, ref List<CautionFinding>? findings)
    {
        var any = false;
        var longest = 0;
        foreach (var caution in context.Rules.StoppedCautions)
        {
            if (!context.HasActiveAny(caution.Ingredients))
            {
                any = true;
                longest = Math.Max(longest, caution.StoppedWithinDays!.Value);
            }
        }

        if (!any)
        {
            return;
        }

        // One pass over the past orders, selected by date before they are resolved.
        var candidates = context.Past(
            (Since: context.AsOf.PlusDays(-longest), Until: context.AsOf),
            static (m, window) => LastKnownOn(m) is { } last && last >= window.Since && last <= window.Until);
        if (candidates.Count == 0)
        {
            return;
        }

        foreach (var caution in context.Rules.StoppedCautions)
        {
            if (context.HasActiveAny(caution.Ingredients))
            {
                continue;
            }

            var window = context.AsOf.PlusDays(-caution.StoppedWithinDays!.Value);
            ResolvedMedication? latest = null;
            foreach (var past in candidates)
            {
                if (LastKnownOn(past.Fact) >= window && past.ContainsAny(caution.Ingredients)
                    && (latest is null || LastKnownOn(past.Fact) > LastKnownOn(latest.Fact)))
                {
                    latest = past;
                }
            }

            if (latest is null || (caution.AgeMin is { } ageMin && (context.Age is not { } age || age < ageMin)))
            {
                continue;
            }

            // A documented washout (two teriflunomide levels below the label's limit) ends the stopped drug's caution.
            var factor = context.Factor(caution.FactorId);
            if (factor.Holds && (caution.UnlessFactorId is not { } unless || !context.Factor(unless).Holds))
            {
                (findings ??= []).Add(StoppedFinding(context, caution, latest, factor, caution.StoppedWithinDays.Value));
            }
        }
    }

    private static NodaTime.LocalDate? LastKnownOn(MedicationFact medication) => medication.End ?? medication.Start;

    private static CautionFinding StoppedFinding(SafetyContext context, Caution caution, ResolvedMedication medication, Factors.FactorResult factor, int days)
    {
        var definition = context.Rules.Factors[caution.FactorId];
        var stopped = medication.Fact.End is { } end
            ? $"{medication.Fact.Medication} stopped on {FactReferences.Date(end)}, within the last {days} days"
            : $"{medication.Fact.Medication} started on {FactReferences.Date(medication.Fact.Start)} (no end recorded), within the last {days} days";
        return new CautionFinding
        {
            RuleId = caution.Id,
            Severity = caution.Severity,
            BoxedWarning = caution.BoxedWarning,
            FactorId = definition.Id,
            FactorName = definition.Name,
            Criterion = factor.Criterion ?? "condition",
            FactorUnknown = false,
            IngredientIds = IngredientsNamed(medication, caution),
            Facts = [FactReferences.Of(medication.Fact), .. factor.Facts],
            Computed = factor.Computed,
            Codes = [.. SafetyContext.CodesOf(medication), .. factor.Codes],
            Rationale = caution.Rationale,
            Action = caution.Action,
            Sources = context.Cite(caution.SourceIds, definition.SourceIds),
            Notes = [stopped, .. factor.Notes.Distinct(StringComparer.Ordinal)],
        };
    }

    // The medication's ingredients the caution names, in the medication's order.
    private static ImmutableArray<string> IngredientsNamed(ResolvedMedication medication, Caution caution)
    {
        if (medication.Ingredients.Length == 1)
        {
            var only = medication.Ingredients[0].DrugId;
            return caution.Ingredients.Contains(only) ? [only] : [];
        }

        var named = ImmutableArray.CreateBuilder<string>(medication.Ingredients.Length);
        foreach (var ingredient in medication.Ingredients)
        {
            if (caution.Ingredients.Contains(ingredient.DrugId))
            {
                named.Add(ingredient.DrugId);
            }
        }

        return named.ToImmutable();
    }

    // Each note once, first occurrence kept (as Distinct did); a finding has a handful, so a scan beats a set.
    private static ImmutableArray<string> DistinctNotes(ImmutableArray<string>.Builder notes)
    {
        if (notes.Count > 8)
        {
            return [.. notes.Distinct(StringComparer.Ordinal)];
        }

        var distinct = ImmutableArray.CreateBuilder<string>(notes.Count);
        foreach (var note in notes)
        {
            var seen = false;
            foreach (var kept in distinct)
            {
                if (string.Equals(kept, note, StringComparison.Ordinal))
                {
                    seen = true;
                    break;
                }
            }

            if (!seen)
            {
                distinct.Add(note);
            }
        }

        return distinct.Count == notes.Count ? distinct.MoveToImmutable() : distinct.ToImmutable();
    }

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
            IngredientIds = IngredientsNamed(medication, caution),
            Facts = [.. context.ActiveCourseOf(medication).Facts(), .. factor.Facts],
            Computed = factor.Computed,
            Codes = [.. medication.Fact.Medication.Codes, .. factor.Codes],
            Rationale = caution.Rationale,
            Action = caution.Action,
            Sources = context.Cite(caution.SourceIds, definition.SourceIds),
            Notes = DistinctNotes(notes),
        };
    }
}
