using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Relief.Store.Knowledge;
using Relief.Store.Model;
using Code = Relief.Core.Codes.Code;

namespace Relief.Store.Import;

/// <summary>
/// A FHIR Goal (read with the Firely SDK) as a <see cref="PatientGoal"/>: its description, lifecycle and
/// achievement status, start, and the first target whose measure is one of the store's instruments (by code).
/// A goal without a description text is not a patient goal the store can show, and is kept only as the
/// imported resource.
/// </summary>
internal static class GoalMapper
{
    private static readonly FhirJsonDeserializer Firely = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    public static PatientGoal? Map(string patientId, RawResource resource, FollowUpKnowledge followUp, DateTime now)
    {
        Goal goal;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(resource.Json));
            goal = Firely.Deserialize<Goal>(ref reader);
        }
        catch (DeserializationFailedException)
        {
            return null;
        }

        var text = goal.Description?.Text ?? goal.Description?.Coding.FirstOrDefault(c => c.Display is not null)?.Display;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var lifecycle = goal.LifecycleStatus?.GetLiteral();
        var entry = new PatientGoal
        {
            PatientId = patientId,
            Text = text.Trim()[..Math.Min(text.Trim().Length, 1000)],
            Lifecycle = lifecycle is not null && GoalStatus.Lifecycles.Contains(lifecycle) ? lifecycle : GoalStatus.Active,
            Status = lifecycle == "entered-in-error" ? EntryStatus.EnteredInError : EntryStatus.Current,
            Achievement = goal.AchievementStatus?.Coding.FirstOrDefault(c => c.System == GoalStatus.AchievementSystem && GoalStatus.Achievements.Contains(c.Code))?.Code,
            Start = ToDate(goal.Start as Date) ?? DateOnly.FromDateTime(resource.LastUpdated ?? now),
            Note = goal.Note.FirstOrDefault()?.Text,
            SourceResource = resource.Reference,
        };

        foreach (var target in goal.Target)
        {
            var instrument = target.Measure?.Coding
                .Select(c => followUp.InstrumentsByCode.TryGetValue(new Code(c.System ?? "", c.Code ?? ""), out var i) ? i : null)
                .FirstOrDefault(i => i is not null);
            if (instrument is not null && target.Detail is Quantity { Value: { } value } quantity && instrument.Accepts(value))
            {
                entry.InstrumentId = instrument.Id;
                entry.MeasureCode = instrument.Code?.ToString();
                entry.TargetValue = value;
                entry.TargetComparator = quantity.Comparator switch
                {
                    Quantity.QuantityComparator.GreaterOrEqual or Quantity.QuantityComparator.GreaterThan => ">=",
                    Quantity.QuantityComparator.LessOrEqual or Quantity.QuantityComparator.LessThan => "<=",
                    _ => instrument.LowerIsBetter ? "<=" : ">=",
                };
                entry.DueDate = ToDate(target.Due as Date);
                break;
            }

            entry.DueDate ??= ToDate(target.Due as Date);
        }

        return entry;
    }

    private static DateOnly? ToDate(Date? date) =>
        date?.Value is { Length: 10 } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
