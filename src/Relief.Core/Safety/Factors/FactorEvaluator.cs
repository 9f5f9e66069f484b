using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using NodaTime;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Factors;

/// <summary>
/// Decides whether a patient factor holds (knowledge-format-safety.md §2): any of its criteria, tried in the order age, conditions,
/// procedures, observations, kidney function; the first that holds is the one the finding names.
/// </summary>
internal sealed class FactorEvaluator(SafetyContext context)
{
    public FactorResult Evaluate(Factor factor)
    {
        if (factor.HasAgeCriterion && context.Age is { } age
            && (factor.AgeMin is not { } min || age >= min) && (factor.AgeMax is not { } max || age <= max))
        {
            return new FactorResult
            {
                State = FactorState.Holds,
                Criterion = "age",
                Facts = [],
                Computed = [],
                Codes = [],
                Notes = [$"age {age} on {FactReferences.Date(context.AsOf)}"],
                RenalFunctionUnknown = false,
            };
        }

        if (MatchConditions(factor) is { } conditions)
        {
            return conditions;
        }

        if (MatchProcedures(factor) is { } procedures)
        {
            return procedures;
        }

        var unknown = false;
        var end = factor.HasEnd ? LatestEnd(factor) : null;
        foreach (var criterion in factor.Observations)
        {
            var (state, result) = EvaluateObservation(factor, criterion);
            if (state == FactorState.Holds && end is { } ended && result!.Effective is { } taken && taken <= ended)
            {
                // A positive pregnancy test before a delivery says nothing about now.
                continue;
            }

            if (state == FactorState.Holds)
            {
                return new FactorResult
                {
                    State = FactorState.Holds,
                    Criterion = "observation",
                    Facts = [FactReferences.Of(result!)],
                    Computed = [],
                    Codes = result!.Concept.Codes,
                    Notes = [Describe(criterion)],
                    RenalFunctionUnknown = false,
                };
            }

            unknown |= state == FactorState.Unknown;
        }

        var renalUnknown = false;
        if (factor.KidneyFunction is { } kidney)
        {
            var (state, measured) = EvaluateKidney(kidney);
            if (state == FactorState.Holds)
            {
                return new FactorResult
                {
                    State = FactorState.Holds,
                    Criterion = "kidney-function",
                    Facts = [],
                    Computed = [measured!],
                    Codes = [],
                    Notes = measured!.Notes,
                    RenalFunctionUnknown = false,
                };
            }

            renalUnknown = state == FactorState.Unknown;
        }

        return unknown || renalUnknown
            ? new FactorResult
            {
                State = FactorState.Unknown,
                Criterion = null,
                Facts = [],
                Computed = [],
                Codes = [],
                Notes = renalUnknown ? ["renal function unknown"] : ["a result could not be judged (see data quality)"],
                RenalFunctionUnknown = renalUnknown,
            }
            : FactorResult.No;
    }

    private FactorResult? MatchConditions(Factor factor)
    {
        // A record without conditions (many screened records) matches none: no index to build.
        if ((factor.Conditions.IsEmpty && factor.Icd10CmPrefixes.IsEmpty) || context.Patient.Conditions.IsEmpty)
        {
            return null;
        }

        // Matches keyed by the condition's position in the record, then ordered by resource id.
        var index = context.Conditions;
        var end = factor.HasEnd ? LatestEnd(factor) : null;
        Dictionary<int, List<Code>>? matched = null;
        foreach (var code in factor.Conditions)
        {
            foreach (var i in index.With(code))
            {
                Add(ref matched, i, code);
            }
        }

        // ICD-10-CM compares without dots and ignoring case: N186 matches prefix N18.6 (knowledge-format-safety.md §2).
        if (!factor.Icd10CmPrefixes.IsEmpty)
        {
            foreach (var (bare, code, i) in index.Icd10Cm)
            {
                foreach (var prefix in factor.Icd10CmPrefixes)
                {
                    if (bare.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        Add(ref matched, i, code);
                        break;
                    }
                }
            }
        }

        if (matched is null)
        {
            return null;
        }

        var facts = ImmutableArray.CreateBuilder<FactReference>();
        var codes = ImmutableArray.CreateBuilder<Code>();
        foreach (var (i, matchedCodes) in matched.OrderBy(m => context.Patient.Conditions[m.Key].ResourceId, StringComparer.Ordinal))
        {
            var condition = context.Patient.Conditions[i];
            if (Counts(condition, factor, end) && !Excluded(condition, factor))
            {
                facts.Add(FactReferences.Of(condition));
                codes.AddRange(matchedCodes.Distinct());
            }
        }

        var notes = factor.EvidenceConvention is { } convention
            ? ImmutableArray.Create($"records older than {factor.EvidenceWithinDays} days do not count (local convention {convention})")
            : [];
        return facts.Count == 0 ? null : new FactorResult
        {
            State = FactorState.Holds,
            Criterion = "condition",
            Facts = facts.ToImmutable(),
            Computed = [],
            Codes = codes.ToImmutable(),
            Notes = notes,
            RenalFunctionUnknown = false,
        };
    }

    /// <summary>
    /// A completed or in-progress Procedure with one of the factor's codes, performed on or before asOf and, when the factor
    /// sets a window, within it; an undated procedure is not known to be recent. Every matching procedure is named.
    /// </summary>
    private FactorResult? MatchProcedures(Factor factor)
    {
        if (factor.Procedures.IsEmpty)
        {
            return null;
        }

        // The few procedures with one of the factor's codes, found in one pass, then ordered by resource id (ties in the
        // record's order): sorting every procedure of a long record for them cost more than the match.
        var procedures = context.Patient.Procedures;
        List<int>? coded = null;
        for (var i = 0; i < procedures.Length; i++)
        {
            if (procedures[i].Status is "completed" or "in-progress" && AnyOf(procedures[i].Concept.Codes, factor.Procedures))
            {
                (coded ??= []).Add(i);
            }
        }

        return coded is null ? null : MatchedProcedures(factor, procedures, coded);
    }

    // Apart from MatchProcedures, so the lambdas' captured procedures are allocated only when one has the factor's code,
    // not for every factor evaluated.
    private FactorResult? MatchedProcedures(Factor factor, ImmutableArray<ProcedureFact> procedures, List<int> coded)
    {
        coded.Sort((x, y) => string.CompareOrdinal(procedures[x].ResourceId, procedures[y].ResourceId) is var byId and not 0 ? byId : x.CompareTo(y));
        var facts = ImmutableArray.CreateBuilder<FactReference>();
        var codes = ImmutableArray.CreateBuilder<Code>();
        foreach (var procedure in coded.Select(i => procedures[i]))
        {
            var matched = procedure.Concept.Codes.Where(factor.Procedures.Contains).ToList();
            if (matched.Count == 0 || (procedure.Performed is { } after && after > context.AsOf))
            {
                continue;
            }

            if (factor.ProcedureWithinDays is { } days && (procedure.Performed is not { } performed || performed < context.AsOf.PlusDays(-days)))
            {
                continue;
            }

            facts.Add(new FactReference("Procedure", procedure.ResourceId, procedure.Concept.ToString(), procedure.Performed));
            codes.AddRange(matched);
        }

        var notes = factor.ProcedureWithinDays is { } window ? ImmutableArray.Create($"procedure performed within the last {window} days") : [];
        return facts.Count == 0 ? null : new FactorResult
        {
            State = FactorState.Holds,
            Criterion = "procedure",
            Facts = facts.ToImmutable(),
            Computed = [],
            Codes = codes.Distinct().ToImmutableArray(),
            Notes = notes,
            RenalFunctionUnknown = false,
        };
    }

    private static bool AnyOf(ImmutableArray<Code> codes, ImmutableArray<Code> wanted)
    {
        foreach (var code in codes)
        {
            if (wanted.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the condition carries a code the factor excludes (PHN under zoster, delivery under chapter O).</summary>
    private static bool Excluded(ConditionFact condition, Factor factor)
    {
        if (factor.ExcludeConditions.IsEmpty && factor.ExcludeIcd10CmPrefixes.IsEmpty)
        {
            return false;
        }

        foreach (var code in condition.Concept.Codes)
        {
            if (factor.ExcludeConditions.Contains(code) || (code.System == CodeSystems.Icd10Cm && StartsWithAny(code.Value, factor.ExcludeIcd10CmPrefixes)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithAny(string icd10Cm, ImmutableArray<string> prefixes)
    {
        var bare = icd10Cm.Replace(".", "", StringComparison.Ordinal);
        foreach (var prefix in prefixes)
        {
            if (bare.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The date of the latest recorded end of the state (delivery, abortion) on or before asOf, or null. An end
    /// recorded without any date cannot be placed in time and is not used.
    /// </summary>
    private LocalDate? LatestEnd(Factor factor)
    {
        LocalDate? latest = null;
        void Consider(ConditionFact condition)
        {
            if (condition.VerificationStatus is ConditionVerificationStatus.Refuted or ConditionVerificationStatus.EnteredInError)
            {
                return;
            }

            if ((condition.Onset ?? condition.Recorded) is { } date && date <= context.AsOf && (latest is null || date > latest))
            {
                latest = date;
            }
        }

        foreach (var code in factor.EndConditions)
        {
            foreach (var i in context.Conditions.With(code))
            {
                Consider(context.Patient.Conditions[i]);
            }
        }

        if (!factor.EndIcd10CmPrefixes.IsEmpty)
        {
            foreach (var (bare, _, i) in context.Conditions.Icd10Cm)
            {
                if (factor.EndIcd10CmPrefixes.Any(p => bare.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                {
                    Consider(context.Patient.Conditions[i]);
                }
            }
        }

        return latest;
    }

    private static void Add(ref Dictionary<int, List<Code>>? matched, int index, Code code)
    {
        matched ??= [];
        if (!matched.TryGetValue(index, out var codes))
        {
            matched[index] = codes = [];
        }

        codes.Add(code);
    }

    private bool Counts(ConditionFact condition, Factor factor, LocalDate? end)
    {
        var date = condition.Onset ?? condition.Recorded;
        if (date is { } d && d > context.AsOf)
        {
            return false;
        }

        // Evidence from before the latest recorded end (a delivery after the pregnancy) no longer counts; undated
        // evidence cannot be shown to follow the end, so it does not count either.
        if (end is { } ended && (date is not { } dated || dated <= ended))
        {
            return false;
        }

        if (factor.EvidenceWithinDays is { } within && date is { } evidence && evidence < context.AsOf.PlusDays(-within))
        {
            return false;
        }

        // A current condition with an abatement date on or before asOf has ended (FHIR abatement[x]).
        if (factor.ConditionStatus == ConditionStatusRule.Current && condition.Abatement is { } abated && abated <= context.AsOf)
        {
            return false;
        }

        var status = factor.ConditionStatus == ConditionStatusRule.Ever
            ? condition.VerificationStatus is not (ConditionVerificationStatus.Refuted or ConditionVerificationStatus.EnteredInError)
            : condition.IsCurrent;
        if (!status)
        {
            return false;
        }

        // "Onset within N days" needs a date to hold: an undated myocardial infarction is not known to be recent.
        return factor.OnsetWithinDays is not { } days || (date is { } onset && onset >= context.AsOf.PlusDays(-days));
    }

    private (FactorState State, ObservationFact? Result) EvaluateObservation(Factor factor, ObservationCriterion criterion)
    {
        // Only the latest usable result in the window is judged: an old QTc of 510 ms followed by 440 ms does not count.
        var latest = context.Observations.Latest(criterion.TestId, context.AsOf, criterion.WithinDays);
        if (latest is null)
        {
            return (FactorState.DoesNotHold, null);
        }

        bool holds;
        switch (criterion.Comparison)
        {
            case ObservationComparison.Below or ObservationComparison.Above:
                if (latest.Value is null)
                {
                    return (FactorState.DoesNotHold, latest);
                }

                if (!context.TryValue(latest, criterion.TestId, criterion.Unit!, factor.Id, out var value))
                {
                    return (FactorState.Unknown, latest);
                }

                holds = criterion.Comparison == ObservationComparison.Below ? value < criterion.Value : value > criterion.Value;
                if (holds && criterion.ConfirmedApartDays is { } apart)
                {
                    holds = Confirmed(factor, criterion, latest, apart);
                }

                break;
            case ObservationComparison.Positive:
                holds = ResultReader.IsPositive(latest, context.Rules.ResultInterpretation);
                break;
            case ObservationComparison.PhenotypeIn:
                var reading = context.Rules.Tests[criterion.TestId].Phenotype!;
                if (PhenotypeReader.Read(latest, reading) is not { } phenotype)
                {
                    context.Quality.Add(
                        DataQualityKind.PhenotypeUnreadable,
                        $"{criterion.TestId} result could not be read as a phenotype (no recognised words, diplotype, interpretation code or reference range): '{factor.Name}' cannot be judged",
                        FactReferences.Of(latest).Reference,
                        factor.Id);
                    return (FactorState.Unknown, latest);
                }

                holds = criterion.Phenotypes.Contains(phenotype);
                break;
            case ObservationComparison.ValueCodes:
                holds = latest.ValueConcept is { } concept && concept.Codes.Any(criterion.ValueCodes.Contains);
                break;
            default:
                holds = ResultReader.TextContains(latest, criterion.ValueTexts);
                break;
        }

        return (holds ? FactorState.Holds : FactorState.DoesNotHold, latest);
    }

    /// <summary>
    /// Every result from the latest back to one at least <paramref name="apart"/> days older passes too (within the window);
    /// a failing or unreadable result on the way, or no result old enough, and the criterion does not hold.
    /// </summary>
    private bool Confirmed(Factor factor, ObservationCriterion criterion, ObservationFact latest, int apart)
    {
        var from = context.AsOf.PlusDays(-criterion.WithinDays);
        var needed = latest.Effective!.Value.PlusDays(-apart);
        foreach (var result in context.Observations.Results(criterion.TestId))
        {
            if (ReferenceEquals(result, latest) || result.Effective is not { } date || date > latest.Effective.Value)
            {
                continue;
            }

            if (date < from || !context.TryValue(result, criterion.TestId, criterion.Unit!, factor.Id, out var value)
                || !(criterion.Comparison == ObservationComparison.Below ? value < criterion.Value : value > criterion.Value))
            {
                return false;
            }

            if (date <= needed)
            {
                return true;
            }
        }

        return false;
    }

    private (FactorState State, ComputedValue? Measured) EvaluateKidney(KidneyFunctionCriterion criterion)
    {
        var kidney = context.Kidney;
        var measured = criterion.Measure == KidneyMeasure.Egfr ? kidney.Egfr : kidney.Crcl;
        if (measured is null)
        {
            return (FactorState.Unknown, null);
        }

        var raw = criterion.Measure == KidneyMeasure.Egfr ? kidney.RawEgfr!.Value : kidney.RawCrcl!.Value;
        return (raw < criterion.Below ? FactorState.Holds : FactorState.DoesNotHold, measured);
    }

    private static string Describe(ObservationCriterion criterion) => criterion.Comparison switch
    {
        ObservationComparison.Below => $"{criterion.TestId} below {FactReferences.Format(criterion.Value!.Value)} {criterion.Unit} (latest result within {criterion.WithinDays} days)",
        ObservationComparison.Above => $"{criterion.TestId} above {FactReferences.Format(criterion.Value!.Value)} {criterion.Unit} (latest result within {criterion.WithinDays} days)",
        ObservationComparison.Positive => $"{criterion.TestId} positive (latest result within {criterion.WithinDays} days)",
        ObservationComparison.PhenotypeIn => $"{criterion.TestId} read as {string.Join(" or ", criterion.Phenotypes)} (latest result)",
        _ => $"{criterion.TestId} result matches (latest result within {criterion.WithinDays} days)",
    };
}
