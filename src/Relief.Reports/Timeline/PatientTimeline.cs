using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Knowledge;
using Relief.Core.Patients;

namespace Relief.Reports.Timeline;

/// <summary>
/// The patient's scores and labs over time, from the instruments and tests the knowledge base knows, with
/// the starts and stops of current, proposed and past medicines as markers. The same builder serves a
/// bundle that was uploaded and a patient read from the follow-up store.
/// </summary>
public static class PatientTimeline
{
    public static IReadOnlyList<TimeSeriesChart> Scores(PatientRecord record, KnowledgeBase knowledge)
    {
        var markers = Markers(record);
        return [.. record.Observations
            .Where(o => o.IsUsable && o.Effective is not null && o.Value is not null)
            .Select(o => (Observation: o, Instrument: o.Concept.Codes.Select(c => knowledge.Safety.InstrumentsByCode.GetValueOrDefault(c)).FirstOrDefault(i => i is not null)))
            .Where(x => x.Instrument is not null && x.Observation.Value >= x.Instrument.Min && x.Observation.Value <= x.Instrument.Max)
            .GroupBy(x => x.Instrument!.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var instrument = g.First().Instrument!;
                return new TimeSeriesChart($"score-{instrument.Id}", instrument.Name, "score", Points(g.Select(x => x.Observation)), Within(markers, g.Select(x => x.Observation)))
                {
                    Min = instrument.Min,
                    Max = instrument.Max,
                };
            })];
    }

    public static IReadOnlyList<TimeSeriesChart> Labs(PatientRecord record, KnowledgeBase knowledge)
    {
        var markers = Markers(record);
        return [.. record.Observations
            .Where(o => o.IsUsable && o.Effective is not null && o.Value is not null)
            .Select(o => (Observation: o, TestId: o.Concept.Codes.SelectMany(c => knowledge.Safety.TestIdsByCode.GetValueOrDefault(c, [])).FirstOrDefault()))
            .Where(x => x.TestId is not null)
            // One chart per test and unit: results in different units are not drawn on one axis.
            .GroupBy(x => (x.TestId!, x.Observation.Unit ?? ""))
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g =>
            {
                var test = knowledge.Safety.Tests[g.Key.Item1];
                var latest = g.OrderBy(x => x.Observation.Effective).Last().Observation;
                return new TimeSeriesChart($"lab-{test.Id}-{Slug(g.Key.Item2)}", test.Name, g.Key.Item2, Points(g.Select(x => x.Observation)), Within(markers, g.Select(x => x.Observation)))
                {
                    ReferenceLow = latest.ReferenceLow,
                    ReferenceHigh = latest.ReferenceHigh,
                };
            })];
    }

    /// <summary>Starts and stops of every medicine with a date, in date order.</summary>
    public static IReadOnlyList<ChartMarker> Markers(PatientRecord record) =>
        [.. record.Medications
            .SelectMany(m => new[]
            {
                m.Start is { } start ? new ChartMarker(start, $"{Verb(m.Use)} {m.Medication.Text ?? m.Medication.Displays.Values.FirstOrDefault() ?? "medicine"}") : null,
                m.End is { } end && m.Use == MedicationUse.Past ? new ChartMarker(end, $"stopped {m.Medication.Text ?? m.Medication.Displays.Values.FirstOrDefault() ?? "medicine"}") : null,
            })
            .OfType<ChartMarker>()
            .Distinct()
            .OrderBy(m => m.Date)
            .ThenBy(m => m.Label, StringComparer.Ordinal)];

    private static string Verb(MedicationUse use) => use == MedicationUse.Proposed ? "proposed" : "started";

    private static ImmutableArray<ChartPoint> Points(IEnumerable<ObservationFact> observations) =>
        [.. observations.OrderBy(o => o.Effective).ThenBy(o => o.ResourceId, StringComparer.Ordinal).Select(o => new ChartPoint(o.Effective!.Value, o.Value!.Value, o.ResourceId))];

    // Markers far outside the measured period would squash the series; keep those within it (a start just before counts).
    private static IReadOnlyList<ChartMarker> Within(IReadOnlyList<ChartMarker> markers, IEnumerable<ObservationFact> observations)
    {
        var dates = observations.Select(o => o.Effective!.Value).ToList();
        var from = dates.Min().PlusDays(-90);
        var to = dates.Max();
        return [.. markers.Where(m => m.Date >= from && m.Date <= to)];
    }

    private static string Slug(string unit) => new([.. unit.Select(c => char.IsLetterOrDigit(c) ? c : '-')]);
}
