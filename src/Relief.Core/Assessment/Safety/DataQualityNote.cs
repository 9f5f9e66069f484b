namespace Relief.Core.Assessment.Safety;

/// <summary>
/// Something in the record that kept a safety rule from being judged: never turned into "no problem"
/// silently. <see cref="Resource"/> is the <c>Type/id</c> concerned, <see cref="RuleId"/> the rule that could not run.
/// </summary>
public sealed record DataQualityNote(DataQualityKind Kind, string Message, string? Resource = null, string? RuleId = null);

public enum DataQualityKind
{
    /// <summary>A result's unit is not in units.yaml or cannot be converted to the unit a rule needs.</summary>
    UnconvertibleUnit,

    /// <summary>No creatinine with weight and age, and no eGFR, in the windows the kidney rules use.</summary>
    RenalFunctionUnknown,

    /// <summary>A daily dose could not be computed from the dosage (no dose, unit, strength or timing).</summary>
    DoseNotComputable,

    /// <summary>An opioid without an MME factor (or a computable dose), so the MME total is a lower bound.</summary>
    MmeIncomplete,

    /// <summary>A result outside what the test or instrument can give (a negative count, a pain score of 15 on 0-10): ignored.</summary>
    ImplausibleValue,

    /// <summary>A CVX code not in vaccines.yaml: whether the vaccine is live is unknown.</summary>
    UnknownVaccineCode,

    /// <summary>A pharmacogenomic result (TPMT) that cannot be read as a phenotype: it neither reassures nor counts as tested.</summary>
    PhenotypeUnreadable,

    /// <summary>The record says the patient has died: the assessment gives no current-therapy advice.</summary>
    PatientDeceased,
}
