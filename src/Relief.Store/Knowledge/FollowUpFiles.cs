// The YAML shapes of knowledge/follow-up/*.yaml (docs/store.md). Unknown fields are rejected by the loader.
#pragma warning disable CA1812 // instantiated by YamlDotNet
namespace Relief.Store.Knowledge;

internal sealed class InstrumentsFile
{
    public string? LocalCodeSystem { get; set; }

    public List<InstrumentEntry>? Instruments { get; set; }
}

internal sealed class InstrumentEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public CodeEntry? Code { get; set; }

    public List<CodeEntry>? Items { get; set; }

    public RangeEntry? Range { get; set; }

    public bool RangeConvention { get; set; }

    public bool Integer { get; set; }

    public string? Unit { get; set; }

    public string? Direction { get; set; }

    public string? Source { get; set; }
}

internal sealed class CodeEntry
{
    public string? System { get; set; }

    public string? Code { get; set; }

    public string? Display { get; set; }
}

internal sealed class RangeEntry
{
    public decimal? Min { get; set; }

    public decimal? Max { get; set; }
}

internal sealed class BodyMapFile
{
    public List<NamedCodeEntry>? Regions { get; set; }

    public List<NamedCodeEntry>? Qualities { get; set; }
}

internal sealed class NamedCodeEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public CodeEntry? Code { get; set; }

    public string? Source { get; set; }
}

internal sealed class PacingFile
{
    public WindowEntry? ExertionWindow { get; set; }

    public ThresholdEntry? HighExertionScore { get; set; }

    public DaysEntry? RecentCrashDays { get; set; }

    public List<AdviceEntry>? Advice { get; set; }
}

internal sealed class WindowEntry
{
    public int? FromHoursBefore { get; set; }

    public int? ToHoursBefore { get; set; }

    public bool Convention { get; set; }
}

internal sealed class ThresholdEntry
{
    public int? Min { get; set; }

    public bool Convention { get; set; }
}

internal sealed class AdviceEntry
{
    public string? Id { get; set; }

    public string? When { get; set; }

    public string? Text { get; set; }

    public string? Source { get; set; }

    public string? Section { get; set; }

    public string? Verified { get; set; }
}

internal sealed class QuestionnairesFile
{
    public List<QuestionnaireEntry>? Questionnaires { get; set; }

    public List<AnswerListEntry>? AnswerLists { get; set; }
}

internal sealed class QuestionnaireEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Source { get; set; }

    public List<QuestionEntry>? Items { get; set; }
}

internal sealed class QuestionEntry
{
    public string? LinkId { get; set; }

    public string? Text { get; set; }

    public string? Code { get; set; }

    public string? Instrument { get; set; }

    public string? Answers { get; set; }
}

internal sealed class AnswerListEntry
{
    public string? Id { get; set; }

    public string? Source { get; set; }

    public List<AnswerEntry>? Answers { get; set; }
}

internal sealed class AnswerEntry
{
    public string? Display { get; set; }

    public string? Code { get; set; }

    public decimal? Score { get; set; }
}

internal sealed class DaysEntry
{
    public int? Days { get; set; }

    public bool Convention { get; set; }
}
