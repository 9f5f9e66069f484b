namespace Relief.Store.Model;

/// <summary>
/// One score of a validated instrument (knowledge/follow-up/instruments.yaml): from the diary, an imported
/// Observation or a QuestionnaireResponse answer.
/// </summary>
public sealed class OutcomeMeasurement : StoredEntry
{
    public required string InstrumentId { get; set; }

    /// <summary>The instrument's (or item's) code as "system|code".</summary>
    public required string Code { get; set; }

    public decimal Value { get; set; }

    /// <summary>A coded answer ("system|code", e.g. a LOINC answer LA code) when the score came from one.</summary>
    public string? AnswerCode { get; set; }

    public DateTime EffectiveAt { get; set; }

    /// <summary>The diary entry it was recorded with, if any.</summary>
    public long? DiaryEntryId { get; set; }
}
