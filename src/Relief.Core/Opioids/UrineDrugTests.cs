using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Opioids;

/// <summary>
/// Urine drug test results of the past 12 months (the reference's look-back year: from 12 months and a day ago
/// to yesterday), each placed on its analyte by the LOINC value sets and read as positive or negative: a coded
/// value by the knowledge's positive and negative codes, a text value by its first word ("POS", "NEG").
/// </summary>
internal sealed class UrineDrugTests(KnowledgeBase knowledge)
{
    private readonly OpioidKnowledge _opioids = knowledge.Opioids;

    public ImmutableArray<UrineResult> Read(PatientRecord patient, LocalDate asOf)
    {
        var from = asOf.PlusMonths(-_opioids.Windows!.ScreeningLookbackMonths).PlusDays(-1);
        var to = asOf.PlusDays(-1);
        var results = ImmutableArray.CreateBuilder<UrineResult>();
        foreach (var observation in patient.Observations)
        {
            if (!observation.IsUsable || observation.Status == "unknown" || observation.Effective is not { } date || date < from || date > to)
            {
                continue;
            }

            var codes = observation.Concept.Codes;
            var screen = _opioids.UrineScreens.FirstOrDefault(s => s.ValueSets.Any(v => v.ContainsAny(codes)));
            if (screen is null && !_opioids.UrineTests.Any(v => v.ContainsAny(codes)))
            {
                continue;
            }

            results.Add(new UrineResult(observation, screen, Interpret(observation)));
        }

        return results.DrainToImmutable();
    }

    private UrineOutcome Interpret(ObservationFact observation)
    {
        var interpretation = knowledge.Safety.ResultInterpretation;
        if (observation.ValueConcept is { } concept)
        {
            if (concept.Codes.Any(interpretation.PositiveCodes.Contains))
            {
                return UrineOutcome.Positive;
            }

            if (concept.Codes.Any(interpretation.NegativeCodes.Contains))
            {
                return UrineOutcome.Negative;
            }
        }

        if (observation.Interpretation is { IsDefaultOrEmpty: false } flags)
        {
            if (flags.Any(_opioids.PositiveInterpretations.Contains))
            {
                return UrineOutcome.Positive;
            }

            if (flags.Any(_opioids.NegativeInterpretations.Contains))
            {
                return UrineOutcome.Negative;
            }
        }

        var text = (observation.ValueText ?? observation.ValueConcept?.Text ?? "").Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return UrineOutcome.Unknown;
        }

        // Negative words first: "non-reactive" and "not detected" contain positive words.
        if (_opioids.NegativeWords.Any(w => text.StartsWith(w, StringComparison.Ordinal)))
        {
            return UrineOutcome.Negative;
        }

        return _opioids.PositiveWords.Any(w => text.StartsWith(w, StringComparison.Ordinal)) ? UrineOutcome.Positive : UrineOutcome.Unknown;
    }
}

internal sealed record UrineResult(ObservationFact Observation, UrineScreen? Screen, UrineOutcome Outcome);

internal enum UrineOutcome
{
    Unknown,
    Positive,
    Negative,
}
