using System.Collections.Immutable;

namespace Relief.Fhir.Reading;

/// <summary>
/// The state of one read besides the facts: the warnings, the resource being read (so each warning can
/// say where it was found without every reader passing the label around), the patient the read is about
/// and the resources that references may point at.
/// </summary>
internal sealed class ReadContext(FhirReadOptions options)
{
    // Made when first needed: most small records have no warning and no medicationReference.
    private List<FhirReadWarning>? warnings;
    private int overflow;

    private string? location = "Bundle";
    private string? resourceType;
    private string? resourceId;

    /// <summary>The resource being read, as <c>Type/id</c>; warnings are filed under it.</summary>
    public string Location
    {
        // Made when a warning is first filed under the resource: most resources have none.
        get => location ??= $"{resourceType}/{resourceId}";
        set => location = value;
    }

    public PatientIdentity? Patient { get; set; }

    public ResourceIndex Resources => field ??= new();

    /// <summary>Files the next warnings under <c>resourceType/id</c>, without making that string until one is filed.</summary>
    public void ReadingResource(string type, string id)
    {
        location = null;
        resourceType = type;
        resourceId = id;
    }

    public void Warn(string path, string message) => WarnAt(Location, path, message);

    public void WarnAt(string location, string path, string message)
    {
        warnings ??= [];
        if (warnings.Count < options.MaxWarnings)
        {
            warnings.Add(new FhirReadWarning(location, path, message));
        }
        else
        {
            overflow++;
        }
    }

    public ImmutableArray<FhirReadWarning> ToWarnings()
    {
        if (warnings is null)
        {
            return [];
        }

        if (overflow == 0)
        {
            return [.. warnings];
        }

        return
        [
            .. warnings,
            new FhirReadWarning("Bundle", "", $"{overflow} more warnings not listed (limit {options.MaxWarnings})"),
        ];
    }
}
