namespace Relief.Core.Assessment.Safety;

/// <summary>Which part of the safety layer produced a finding (knowledge-format-safety.md §1.6).</summary>
public enum FindingFamily
{
    Caution,
    Interaction,
    Dose,
    Monitoring,
    Response,
    Taper,

    /// <summary>A CDC 2022 opioid guideline recommendation the record shows a situation for (rule ids <c>cdc-2022/rec-N-…</c>).</summary>
    Opioid,

    /// <summary>Something in the record kept a rule from being judged (a unit, renal function, a dose).</summary>
    DataQuality,
}
