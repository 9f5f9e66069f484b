using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Store.Knowledge;

/// <summary>
/// What the follow-up store knows as clinical data (knowledge/follow-up/): the instruments it accepts with their
/// codes and ranges, the body map, pain qualities and ME/CFS pacing advice, each with its source.
/// </summary>
public sealed class FollowUpKnowledge
{
    internal FollowUpKnowledge(
        string localCodeSystem,
        ImmutableArray<Instrument> instruments,
        ImmutableArray<BodyMapTerm> regions,
        ImmutableArray<BodyMapTerm> qualities,
        PacingKnowledge pacing,
        ImmutableArray<QuestionnaireMap> questionnaires)
    {
        Questionnaires = questionnaires;
        LocalCodeSystem = localCodeSystem;
        Instruments = instruments;
        InstrumentsById = instruments.ToFrozenDictionary(i => i.Id, StringComparer.Ordinal);
        InstrumentsByCode = instruments
            .SelectMany(i => (i.Code is { } code ? [code] : Array.Empty<Code>()).Concat(i.Items).Select(c => (Code: c, Instrument: i)))
            .ToFrozenDictionary(x => x.Code, x => x.Instrument);
        Regions = regions.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        Qualities = qualities.ToFrozenDictionary(q => q.Id, StringComparer.Ordinal);
        Pacing = pacing;
    }

    /// <summary>The URI of Relief's local code system for instruments without a LOINC code.</summary>
    public string LocalCodeSystem { get; }

    public ImmutableArray<Instrument> Instruments { get; }

    public FrozenDictionary<string, Instrument> InstrumentsById { get; }

    public FrozenDictionary<Code, Instrument> InstrumentsByCode { get; }

    public FrozenDictionary<string, BodyMapTerm> Regions { get; }

    public FrozenDictionary<string, BodyMapTerm> Qualities { get; }

    public PacingKnowledge Pacing { get; }

    public ImmutableArray<QuestionnaireMap> Questionnaires { get; }
}

/// <summary>How one questionnaire's answers become scores: per question, its code, instrument and answer list.</summary>
public sealed record QuestionnaireMap(string Id, string Name, ImmutableArray<QuestionMap> Questions);

public sealed record QuestionMap(string LinkId, string Text, Code Code, Instrument Instrument, ImmutableArray<AnswerScore> Answers);

public sealed record AnswerScore(string Display, Code Code, decimal Score);

/// <summary>A validated instrument: its score's code, range and direction.</summary>
public sealed record Instrument
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required Code? Code { get; init; }

    public required string Display { get; init; }

    public required ImmutableArray<Code> Items { get; init; }

    public required decimal Min { get; init; }

    public required decimal Max { get; init; }

    public required bool RangeIsConvention { get; init; }

    public required bool IntegerOnly { get; init; }

    public required string Unit { get; init; }

    public required bool LowerIsBetter { get; init; }

    public required string SourceId { get; init; }

    public bool Accepts(decimal value) => value >= Min && value <= Max && (!IntegerOnly || decimal.Truncate(value) == value);

    public string RangeText => IntegerOnly ? $"a whole number {Min:0.##}-{Max:0.##}" : $"{Min:0.##}-{Max:0.##}";
}

/// <summary>A body-map region or pain quality; the code is absent where none could be verified.</summary>
public sealed record BodyMapTerm(string Id, string Name, Code? Code, string? Display, string SourceId);

/// <summary>The pacing window, the exertion threshold and the advice statements (NICE NG206).</summary>
public sealed record PacingKnowledge(
    int FromHoursBefore,
    int ToHoursBefore,
    int HighExertionScore,
    int RecentCrashDays,
    ImmutableArray<PacingAdvice> Advice);

public sealed record PacingAdvice(string Id, string When, string Text, string SourceId, string? Section);
