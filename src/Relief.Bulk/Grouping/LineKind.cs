namespace Relief.Bulk.Grouping;

/// <summary>What one NDJSON line is to the screen.</summary>
public enum LineKind
{
    /// <summary>A resource about one patient (the Patient itself, or a Condition, Observation... naming it).</summary>
    PatientResource,

    /// <summary>A Medication: shared by many patients' requests, kept in a catalogue for the whole run.</summary>
    Medication,

    /// <summary>A resource type the engine does not read (Encounter, Claim...): counted, not parsed further.</summary>
    Ignored,

    /// <summary>Blank: skipped silently (exports often end with a newline).</summary>
    Blank,

    /// <summary>Not a usable resource: malformed JSON, no resourceType, no patient reference.</summary>
    Bad,

    /// <summary>
    /// About a patient of another shard: scanning stopped as soon as the type and patient were known (<c>--shard</c>),
    /// so the rest of the line was neither read nor checked.
    /// </summary>
    OtherShard,
}
