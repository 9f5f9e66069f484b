namespace Relief.Bulk.Grouping;

/// <summary>How far <see cref="LineScanner"/> reads a line of a type the engine reads.</summary>
public enum ScanMode
{
    /// <summary>To its end: a malformed line is reported as <see cref="LineKind.Bad"/> here.</summary>
    Whole,

    /// <summary>
    /// Only until the patient it is about is known (FHIR JSON puts <c>resourceType</c>, <c>id</c> and <c>subject</c>
    /// early): the rest is neither tokenised nor checked, so the caller must check it later. Lines that name no
    /// patient, and Medications, are still read to the end.
    /// </summary>
    PatientOnly,
}
