namespace Relief.Core.Assessment.Safety;

/// <summary>Which part of the safety layer produced a finding (spec 1.6).</summary>
public enum FindingFamily
{
    Caution,
    Interaction,
    Dose,
    Monitoring,
    Response,
    Taper,

    /// <summary>Something in the record kept a rule from being judged (a unit, renal function, a dose).</summary>
    DataQuality,
}
