using System.Buffers;
using NodaTime;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety;

/// <summary>
/// The record's usable results, dated on or before asOf, per lab test and per pain instrument, newest first.
/// Built in one pass over the observations (count and record each placement; one ordinal string lookup per code), the
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

        // One pass over the observations records each placement (observation position, slot) in a pooled buffer and
        // counts each slot's results; the slots' arrays are then made at exactly that size and filled from the
        // placements, with no second code look-up (the largest records have hundreds of results in a few slots).
        // The counts and each slot's last observation (its position + 1) live on the stack.
        var slotCount = rules.ResultSlotCount;
        Span<int> counts = slotCount <= 256 ? stackalloc int[slotCount] : new int[slotCount];
        Span<int> last = slotCount <= 256 ? stackalloc int[slotCount] : new int[slotCount];
        var placements = new Placements(patient.Observations.Length);
        try
        {
            Visit(patient, asOf, rules, counts, last, ref placements);
            if (placements.Count == 0)
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
            var observations = patient.Observations;
            for (var i = 0; i < placements.Count; i++)
            {
                var (position, slot) = placements[i];
                _slots[slot]![counts[slot]++] = observations[position];
            }
        }
        finally
        {
            placements.Return();
        }
    }

    // Counts each usable result per slot and records where it goes, in the record's order.
    private static void Visit(PatientRecord patient, LocalDate asOf, SafetyKnowledge rules, Span<int> counts, Span<int> last, ref Placements placements)
    {
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
                        counts[slot]++;
                        placements.Add(position, slot);
                    }
                }
            }
        }
    }

    // (observation position, slot) pairs in a buffer rented from the shared pool: nothing allocated per assessment.
    private struct Placements(int observations)
    {
        private int[]? _pairs;

        public int Count { get; private set; }

        public readonly (int Position, int Slot) this[int index] => (_pairs![2 * index], _pairs[(2 * index) + 1]);

        public void Add(int position, int slot)
        {
            _pairs ??= ArrayPool<int>.Shared.Rent(Math.Max(32, 2 * observations));
            if (_pairs.Length < (2 * Count) + 2)
            {
                var larger = ArrayPool<int>.Shared.Rent(_pairs.Length * 2);
                _pairs.AsSpan(0, 2 * Count).CopyTo(larger);
                ArrayPool<int>.Shared.Return(_pairs);
                _pairs = larger;
            }

            _pairs[2 * Count] = position;
            _pairs[(2 * Count) + 1] = slot;
            Count++;
        }

        public void Return()
        {
            if (_pairs is not null)
            {
                ArrayPool<int>.Shared.Return(_pairs);
                _pairs = null;
            }
        }
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
