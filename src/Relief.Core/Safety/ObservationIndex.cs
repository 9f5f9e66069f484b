using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety;

/// <summary>
/// The record's usable results, dated on or before asOf, per lab test and per pain instrument, newest first.
/// Built in one pass over the observations (a cheap code-value filter first), the first time a rule needs a
/// result; a patient none of whose drugs has a lab rule never pays for it.
/// </summary>
internal sealed class ObservationIndex
{
    private readonly Dictionary<string, List<ObservationFact>> _byTest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ObservationFact>> _byInstrument = new(StringComparer.Ordinal);

    public ObservationIndex(PatientRecord patient, LocalDate asOf, SafetyKnowledge rules)
    {
        foreach (var observation in patient.Observations)
        {
            // A result dated after asOf is ignored (spec 1.3); so is one without a date, which cannot be placed.
            if (!observation.IsUsable || observation.Effective is not { } date || date > asOf)
            {
                continue;
            }

            foreach (var code in observation.Concept.Codes)
            {
                if (!rules.ResultCodes.TryGetValue(code.Value, out var candidates))
                {
                    continue;
                }

                foreach (var candidate in candidates)
                {
                    if (!string.Equals(candidate.Code.System, code.System, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var test in candidate.TestIds)
                    {
                        Add(_byTest, test, observation);
                    }

                    if (candidate.Instrument is { } instrument)
                    {
                        Add(_byInstrument, instrument.Id, observation);
                    }
                }
            }
        }

        // Newest first; same-day results by resource id so the order never depends on the record's order.
        foreach (var list in _byTest.Values.Concat(_byInstrument.Values))
        {
            list.Sort((x, y) =>
            {
                var byDate = y.Effective!.Value.CompareTo(x.Effective!.Value);
                return byDate != 0 ? byDate : string.CompareOrdinal(y.ResourceId, x.ResourceId);
            });
        }
    }

    /// <summary>Results of a test, newest first.</summary>
    public IReadOnlyList<ObservationFact> Results(string testId) =>
        _byTest.TryGetValue(testId, out var list) ? list : [];

    /// <summary>Scores of a pain instrument, newest first.</summary>
    public IReadOnlyList<ObservationFact> Scores(string instrumentId) =>
        _byInstrument.TryGetValue(instrumentId, out var list) ? list : [];

    /// <summary>The latest result of a test dated within <paramref name="withinDays"/> before asOf (any date when null).</summary>
    public ObservationFact? Latest(string testId, LocalDate asOf, int? withinDays)
    {
        var results = Results(testId);
        if (results.Count == 0)
        {
            return null;
        }

        var latest = results[0];
        return withinDays is not { } days || latest.Effective!.Value >= asOf.PlusDays(-days) ? latest : null;
    }

    /// <summary>The latest result of a test dated in <c>[from, to]</c> (either bound open when null).</summary>
    public ObservationFact? LatestBetween(string testId, LocalDate? from, LocalDate? to)
    {
        foreach (var result in Results(testId))
        {
            var date = result.Effective!.Value;
            if (to is { } end && date > end)
            {
                continue;
            }

            return from is { } start && date < start ? null : result;
        }

        return null;
    }

    private static void Add(Dictionary<string, List<ObservationFact>> index, string key, ObservationFact observation)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        // One observation coded twice for the same test (two LOINC codings) is one result.
        if (list.Count == 0 || !ReferenceEquals(list[^1], observation))
        {
            list.Add(observation);
        }
    }
}
