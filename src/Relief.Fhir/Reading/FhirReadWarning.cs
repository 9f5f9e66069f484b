namespace Relief.Fhir.Reading;

/// <summary>
/// A defect the reader tolerated: where it is and what was done about it.
/// </summary>
/// <param name="Location">The resource as <c>Type/id</c> (or <c>Bundle</c>, <c>Bundle.entry[3]</c> for defects outside a resource).</param>
/// <param name="Path">The element path inside the resource (<c>dosageInstruction[0].timing</c>); empty for the resource as a whole.</param>
/// <param name="Message">A sentence that names the element, the defect and how it was read.</param>
public sealed record FhirReadWarning(string Location, string Path, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
