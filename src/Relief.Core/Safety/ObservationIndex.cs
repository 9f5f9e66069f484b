using NodaTime;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety;

/// <summary>
/// The record's usable results, dated on or before asOf, per lab test and per pain instrument, newest first.
/// Built in two passes over the observations (count, then fill exact arrays; one ordinal string lookup per code), the
/// first time a rule needs a result; each list is sorted only when a rule first reads it. A patient none of
/// whose drugs has a lab rule never pays for any of it.
/// </summary>
internal sealed class ObservationIndex
{
    private readonly SafetyKnowledge _rules;
    // Null when the record has no result of any test or instrument (most small records): nothing else is allocated.
    private readonly ObservationFact[]?[]? _slots;
    private readonly bool[]? _sorted;

    public ObservationIndex(PatientRecord patient, LocalDate asOf, SafetyKnowledge rules)
    {
        _rules = rules;

        // Two passes over the observations: count each slot's results, then fill arrays of exactly that size
        // (no list growth, no copies: the largest records have hundreds of results in a few slots). The counts and
        // each slot's last observation (its position + 1) live on the stack.
        var slotCount = rules.ResultSlotCount;
        Span<int> counts = slotCount <= 256 ? stackalloc int[slotCount] : new int[slotCount];
        Span<int> last = slotCount <= 256 ? stackalloc int[slotCount] : new int[slotCount];
        if (Visit(patient, asOf, rules, counts, last, null) == 0)
        {
            return;
        }

        _slots = new ObservationFact[]?[slotCount];
        _sorted = new bool[slotCount];
        for (var slot = 0; slot < slotCount; slot++)
        {
            if (counts[slot] > 0)
            {
                _slots[slot] = new ObservationFact[counts[slot]];
            }
        }

        counts.Clear();
        last.Clear();
        Visit(patient, asOf, rules, counts, last, _slots);
    }

    // Counts (and, given the slot arrays, files) each usable result; returns how many were placed.
    private static int Visit(PatientRecord patient, LocalDate asOf, SafetyKnowledge rules, Span<int> counts, Span<int> last, ObservationFact[]?[]? fill)
    {
        var placed = 0;
        var observations = patient.Observations;
        for (var position = 0; position < observations.Length; position++)
        {
            var observation = observations[position];
            // A result dated after asOf is ignored (knowledge-format-safety.md §1.3); so is one without a date, which cannot be placed.
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

                    foreach (var slot in candidate.Slots)
                    {
                        // One observation coded twice for the same test (two LOINC codings) is one result.
                        if (last[slot] > 0 && ReferenceEquals(observations[last[slot] - 1], observation))
                        {
                            continue;
                        }

                        last[slot] = position + 1;
                        if (fill is not null)
                        {
                            fill[slot]![counts[slot]] = observation;
                        }

                        counts[slot]++;
                        placed++;
                    }
                }
            }
        }

        return placed;
    }

    /// <summary>Results of a test, newest first.</summary>
    public IReadOnlyList<ObservationFact> Results(string testId) =>
        _rules.TestSlots.TryGetValue(testId, out var slot) ? Slot(slot) : [];

    /// <summary>Scores of a pain instrument, newest first.</summary>
    public IReadOnlyList<ObservationFact> Scores(string instrumentId) =>
        _rules.InstrumentSlots.TryGetValue(instrumentId, out var slot) ? Slot(slot) : [];

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

    private IReadOnlyList<ObservationFact> Slot(int slot)
    {
        if (_slots?[slot] is not { } results)
        {
            return [];
        }

        // Newest first; same-day results by resource id so the order never depends on the record's order.
        if (!_sorted![slot])
        {
            Array.Sort(results, NewestFirst.Instance);
            _sorted[slot] = true;
        }

        return results;
    }

    private sealed class NewestFirst : IComparer<ObservationFact>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(ObservationFact? x, ObservationFact? y)
        {
            var byDate = y!.Effective!.Value.CompareTo(x!.Effective!.Value);
            return byDate != 0 ? byDate : string.CompareOrdinal(y.ResourceId, x.ResourceId);
        }
    }
}
