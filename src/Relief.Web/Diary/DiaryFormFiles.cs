// The YAML shape of knowledge/follow-up/diary-forms.yaml (docs/web.md#the-diary). Unknown fields are rejected.
#pragma warning disable CA1812 // instantiated by YamlDotNet
namespace Relief.Web.Diary;

internal sealed class DiaryFormsFile
{
    public List<AnswerListEntry>? AnswerLists { get; set; }

    public List<FormEntry>? Forms { get; set; }
}

internal sealed class AnswerListEntry
{
    public string? Id { get; set; }

    public string? Source { get; set; }

    public RangeEntry? Range { get; set; }

    public List<AnswerEntry>? Answers { get; set; }
}

internal sealed class RangeEntry
{
    public int Min { get; set; }

    public int Max { get; set; }
}

internal sealed class AnswerEntry
{
    public int Score { get; set; }

    public string? Label { get; set; }
}

internal sealed class FormEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Short { get; set; }

    public string? Scoring { get; set; }

    public int? Threshold { get; set; }

    public string? Instrument { get; set; }

    public string? Source { get; set; }

    public List<ItemEntry>? Items { get; set; }

    public List<TableRowEntry>? Table { get; set; }
}

/// <summary>One row of a `table` form's conversion: a raw summed score and the instrument value it stands for.</summary>
internal sealed class TableRowEntry
{
    public int? Raw { get; set; }

    public decimal? TScore { get; set; }
}

internal sealed class ItemEntry
{
    public string? Text { get; set; }

    public List<QuestionEntry>? Questions { get; set; }
}

internal sealed class QuestionEntry
{
    public string? Id { get; set; }

    public string? Prompt { get; set; }

    public string? Answers { get; set; }

    public string? Low { get; set; }

    public string? High { get; set; }

    public string? Instrument { get; set; }

    public string? Short { get; set; }
}
