using Relief.Store.Application;
using Relief.Store.Knowledge;

namespace Relief.Store.Diary;

/// <summary>
/// Checks a diary entry before anything is written: every score within its instrument's range, known body sites,
/// qualities and instruments, no date in the future. All problems are reported at once, each naming its field.
/// </summary>
internal static class DiaryValidator
{
    /// <summary>Clock skew tolerated between a phone and the server before an entry counts as "in the future".</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    private static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public const int MaxNotesLength = 4000;

    public static List<StoreError> Validate(DiaryInput input, FollowUpKnowledge knowledge, DateTime now)
    {
        var errors = new List<StoreError>();
        if (input.At is { } at)
        {
            if (at > now + FutureTolerance)
            {
                errors.Add(new StoreError("at", $"{at:yyyy-MM-ddTHH:mm}Z is in the future"));
            }
            else if (at < Earliest)
            {
                errors.Add(new StoreError("at", "is before 1900"));
            }
        }

        Score(errors, "pain", input.Pain, knowledge, "pain-nrs");
        Score(errors, "fatigue", input.Fatigue, knowledge, "fatigue-nrs");
        Score(errors, "exertion", input.Exertion, knowledge, "energy-envelope");
        ZeroToTen(errors, "sleep-quality", input.SleepQuality);
        ZeroToTen(errors, "mood", input.Mood);
        ZeroToTen(errors, "pem", input.PemSeverity);
        if (input.SleepHours is { } hours && (hours < 0 || hours > 24))
        {
            errors.Add(new StoreError("sleep-hours", $"{hours} is not 0-24 hours"));
        }

        foreach (var site in input.BodySites.Where(s => !knowledge.Regions.ContainsKey(s)))
        {
            errors.Add(new StoreError("site", $"unknown body site '{site}' (known: {string.Join(", ", knowledge.Regions.Keys.Order())})"));
        }

        foreach (var quality in input.PainQualities.Where(q => !knowledge.Qualities.ContainsKey(q)))
        {
            errors.Add(new StoreError("quality", $"unknown pain quality '{quality}' (known: {string.Join(", ", knowledge.Qualities.Keys.Order())})"));
        }

        foreach (var answer in input.Instruments)
        {
            if (!knowledge.InstrumentsById.TryGetValue(answer.InstrumentId, out var instrument) || instrument.Code is null)
            {
                errors.Add(new StoreError("instrument", $"unknown instrument '{answer.InstrumentId}' (known: {string.Join(", ", knowledge.Instruments.Where(i => i.Code is not null).Select(i => i.Id))})"));
            }
            else if (!instrument.Accepts(answer.Value))
            {
                errors.Add(new StoreError($"instrument {instrument.Id}", $"{answer.Value} is out of range ({instrument.RangeText})"));
            }
        }

        if (input.Notes is { Length: > MaxNotesLength })
        {
            errors.Add(new StoreError("note", $"longer than {MaxNotesLength} characters"));
        }

        var empty = input.Pain is null && input.Fatigue is null && input.Exertion is null && input.SleepHours is null
            && input.SleepQuality is null && input.Mood is null && input.PemSeverity is null && input.Instruments.Count == 0
            && string.IsNullOrWhiteSpace(input.Notes) && input.BodySites.Count == 0;
        if (empty)
        {
            errors.Add(new StoreError("entry", "nothing to record (give at least one of pain, fatigue, exertion, sleep, mood, PEM, an instrument or a note)"));
        }

        return errors;
    }

    private static void Score(List<StoreError> errors, string field, int? value, FollowUpKnowledge knowledge, string instrumentId)
    {
        if (value is { } v && knowledge.InstrumentsById.TryGetValue(instrumentId, out var instrument) && !instrument.Accepts(v))
        {
            errors.Add(new StoreError(field, $"{v} is out of range ({instrument.RangeText})"));
        }
    }

    private static void ZeroToTen(List<StoreError> errors, string field, int? value)
    {
        if (value is { } v && (v < 0 || v > 10))
        {
            errors.Add(new StoreError(field, $"{v} is out of range (a whole number 0-10)"));
        }
    }
}
