using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Model;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using Relief.Core.Safety.Courses;

namespace Relief.Core.Safety.Response;

/// <summary>
/// Treatment response (knowledge-format-safety.md §10) for current pain drugs (in-scope ingredients): the latest score before the
/// start (within the baseline window) against the latest score since, on the same instrument; the IMMPACT band;
/// whether the class's adequate trial has elapsed; the decision; and taper guidance when it is to stop.
/// Scores of different instruments are never compared. No baseline or no follow-up: no finding.
/// </summary>
internal static class ResponseChecker
{
    public static ImmutableArray<ResponseFinding> Check(SafetyContext context)
    {
        // No score on any instrument: no baseline, so no finding; the courses are not worked out for nothing.
        if (!AnyScore(context))
        {
            return [];
        }

        // Made on first need: most records have no current pain drug.
        List<ResponseFinding>? findings = null;
        HashSet<(string Ingredient, LocalDate Start)>? seen = null;
        foreach (var medication in context.Active)
        {
            if (medication.Fact.Use != MedicationUse.Current)
            {
                continue;
            }

            foreach (var ingredient in medication.Ingredients)
            {
                if (ingredient.Scope != DrugScope.InScope
                    || TreatmentCourses.CourseStart(context, medication, ingredient.DrugId) is not { } start
                    || start > context.AsOf || !(seen ??= []).Add((ingredient.DrugId, start)))
                {
                    continue;
                }

                if (Assess(context, medication, ingredient.DrugId, start) is { } finding)
                {
                    (findings ??= []).Add(finding);
                }
            }
        }

        return findings is null ? [] : [.. findings];
    }

    private static bool AnyScore(SafetyContext context)
    {
        foreach (var medication in context.Active)
        {
            if (medication.Fact.Use == MedicationUse.Current && HasInScope(medication))
            {
                foreach (var instrument in context.Rules.Instruments)
                {
                    if (context.Observations.Scores(instrument.Id).Count > 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return false;
    }

    private static bool HasInScope(ResolvedMedication medication)
    {
        foreach (var ingredient in medication.Ingredients)
        {
            if (ingredient.Scope == DrugScope.InScope)
            {
                return true;
            }
        }

        return false;
    }

    // The latest score (scores are newest first) on or before the start and no more than the baseline window before it.
    private static ObservationFact? Baseline(List<ObservationFact> scores, LocalDate start, LocalDate earliest)
    {
        foreach (var s in scores)
        {
            if (s.Value is not null && s.Effective!.Value <= start && s.Effective.Value >= earliest)
            {
                return s;
            }
        }

        return null;
    }

    // The latest score after the start.
    private static ObservationFact? FollowUp(List<ObservationFact> scores, LocalDate start)
    {
        foreach (var s in scores)
        {
            if (s.Value is not null && s.Effective!.Value > start)
            {
                return s;
            }
        }

        return null;
    }

    private static ResponseFinding? Assess(SafetyContext context, ResolvedMedication medication, string ingredient, LocalDate start)
    {
        var rules = context.Rules;
        foreach (var instrument in rules.Instruments)
        {
            var scores = PlausibleScores(context, instrument);
            var baseline = Baseline(scores, start, start.PlusDays(-rules.ResponseBaselineMaxDaysBeforeStart));
            var followUp = FollowUp(scores, start);
            if (baseline is null || followUp is null)
            {
                continue;
            }

            var before = baseline.Value!.Value;
            var after = followUp.Value!.Value;
            var points = before - after;
            var notes = new List<string> { $"baseline is the latest score no more than {rules.ResponseBaselineMaxDaysBeforeStart} days before the start (a local convention)" };
            var days = Period.DaysBetween(start, context.AsOf);
            var trial = rules.AdequateTrials.FirstOrDefault(t => t.Ingredients.Contains(ingredient));
            bool? afterTrial = trial is null ? null : days >= trial.MinWeeks * 7;
            var sources = new List<string>(instrument.SourceIds);
            ResponseBand? band = null;
            decimal? percent = null;
            if (before == 0)
            {
                notes.Add("baseline score 0: response not assessable");
            }
            else
            {
                percent = points / before * 100;
                band = rules.Bands.First(b => b.Matches(percent.Value, points));
                sources.AddRange(band.SourceIds);
            }

            if (trial is null)
            {
                notes.Add("Relief's knowledge gives no adequate-trial length for this drug: the change is banded, no decision is made");
            }
            else
            {
                sources.AddRange(trial.SourceIds);
            }

            var decision = band is null || afterTrial is not { } elapsed
                ? null
                : rules.Decisions.FirstOrDefault(d => d.AfterAdequateTrial == elapsed && d.WhenBand.Contains(band.Id, StringComparer.Ordinal));
            if (decision is not null)
            {
                sources.AddRange(decision.SourceIds);
            }

            var taper = decision?.Decision == ResponseDecisionKind.Stop
                ? TaperAdvisor.For(context, medication, ingredient)
                : [];
            return new ResponseFinding
            {
                IngredientId = ingredient,
                Medication = FactReferences.Of(medication.Fact),
                InstrumentId = instrument.Id,
                InstrumentName = instrument.Name,
                Baseline = FactReferences.Of(baseline, "baseline"),
                FollowUp = FactReferences.Of(followUp, "follow-up"),
                ReductionPercent = percent is { } p ? Math.Round(p, 1) : null,
                ReductionPoints = points,
                NotAssessable = band is null,
                BandId = band?.Id,
                BandLabel = band?.Label,
                WeeksOnDrug = Math.Round(days / 7m, 1),
                AdequateTrialId = trial?.Id,
                AdequateTrialMinWeeks = trial?.MinWeeks,
                AfterAdequateTrial = afterTrial,
                Decision = decision?.Decision,
                DecisionText = decision?.Text,
                Taper = taper,
                Codes = [.. SafetyContext.CodesOf(medication), .. baseline.Concept.Codes.Take(1)],
                Sources = context.Cite(sources),
                Notes = [.. notes],
            };
        }

        return null;
    }

    // A score outside the instrument's range (15 on a 0-10 scale) is a data error: ignored, and said so.
    private static List<ObservationFact> PlausibleScores(SafetyContext context, PainInstrument instrument)
    {
        // Sized for all of them (nearly every score is plausible): large records hold a pain score per encounter.
        var scores = context.Observations.Scores(instrument.Id);
        var plausible = new List<ObservationFact>(scores.Count);
        foreach (var score in scores)
        {
            if (score.Value is { } value && (value < instrument.Min || value > instrument.Max))
            {
                context.Quality.Add(
                    DataQualityKind.ImplausibleValue,
                    $"{instrument.Name} {FactReferences.Format(value)} is outside the instrument's range {FactReferences.Format(instrument.Min)}-{FactReferences.Format(instrument.Max)}; ignored",
                    FactReferences.Of(score).Reference);
                continue;
            }

            plausible.Add(score);
        }

        return plausible;
    }
}
