using System.Text.Json;

namespace Relief.Fhir.Reading;

/// <summary>
/// Evidence of which FHIR version content is written in. Nothing in R4 JSON names its version, so the
/// reader looks for what only an older (or newer) version writes: resource types R4 dropped
/// (DSTU2's MedicationOrder), elements R4 renamed (DSTU2's Condition.patient) or retyped (a plain-code
/// Condition.clinicalStatus, a CodeableConcept in R4), and an explicit meta.fhirVersion where a server
/// adds one. One stray defect in otherwise R4 content must not reject a whole bundle, so other-version
/// evidence rejects only when no R4-only shape was seen; when both were, the content is read as R4 and
/// each defect is warned about by the reader of that element.
/// </summary>
internal sealed class FhirVersionEvidence
{
    private const int ReasonsShown = 3;

    // Made on the first evidence: R4 content, nearly all of it, has none.
    private List<string>? reasons;
    private HashSet<string>? seenReasons;
    private string? version;
    private string? declared;
    private int r4Shapes;
    private int typeReasons;

    public void ObserveMeta(JsonElement resource, string label) => Declared(resource, label, null);

    /// <summary>As <see cref="ObserveMeta(JsonElement, string)"/> for the resource <c>resourceType/id</c>, named only if it declares a version.</summary>
    public void ObserveMeta(JsonElement resource, string resourceType, string id) => Declared(resource, resourceType, id);

    private void Declared(JsonElement resource, string labelOrType, string? id)
    {
        if (resource.TryGetProperty("meta"u8, out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("fhirVersion"u8, out var fhirVersion) && fhirVersion.ValueKind == JsonValueKind.String)
        {
            var text = fhirVersion.GetString() ?? "";
            if (!text.StartsWith("4.0", StringComparison.Ordinal) && !text.StartsWith("4.3", StringComparison.Ordinal))
            {
                var label = id is null ? labelOrType : $"{labelOrType}/{id}";
                declared ??= $"{label} declares meta.fhirVersion {text}";
            }
        }
    }

    public void Observe(string resourceType, JsonElement resource)
    {
        switch (resourceType)
        {
            case "MedicationOrder" or "DiagnosticOrder" or "DeviceUseRequest" or "Order" or "OrderResponse" or "Conformance":
                Evidence("DSTU2", $"{resourceType} is a DSTU2 resource type");
                return;
            case "ProcedureRequest" or "ReferralRequest" or "ProcessRequest" or "ProcessResponse" or "EligibilityRequest"
                or "EligibilityResponse" or "DataElement" or "ServiceDefinition" or "Sequence" or "ImagingManifest"
                or "DeviceComponent" or "BodySite":
                Evidence("STU3", $"{resourceType} is an STU3 resource type that R4 dropped");
                return;
            case "Condition":
                if (Has(resource, "patient"u8))
                {
                    Evidence("DSTU2", "Condition.patient is DSTU2 (R4 has subject)");
                }

                StatusShape(resource, "Condition", "clinicalStatus"u8, "clinicalStatus");
                StatusShape(resource, "Condition", "verificationStatus"u8, "verificationStatus");
                return;
            case "AllergyIntolerance":
                StatusShape(resource, "AllergyIntolerance", "clinicalStatus"u8, "clinicalStatus");
                return;
            case "MedicationStatement":
                if (Has(resource, "wasNotTaken"u8))
                {
                    Evidence("DSTU2", "MedicationStatement.wasNotTaken is DSTU2");
                }
                else if (Has(resource, "taken"u8))
                {
                    Evidence("STU3", "MedicationStatement.taken is STU3");
                }

                Newer(resource, "MedicationStatement");
                return;
            case "MedicationRequest":
                Newer(resource, "MedicationRequest");
                return;
            case "Patient":
                if (resource.TryGetProperty("name"u8, out var names) && names.ValueKind == JsonValueKind.Array)
                {
                    foreach (var name in names.EnumerateArray())
                    {
                        if (name.ValueKind == JsonValueKind.Object && name.TryGetProperty("family"u8, out var family)
                            && family.ValueKind == JsonValueKind.Array)
                        {
                            Evidence("DSTU2", "Patient.name.family is a list (DSTU2; a string in R4)");
                            break;
                        }
                    }
                }

                return;
        }
    }

    /// <summary>The one-line reason to refuse the content, or null when it can be read as R4.</summary>
    public string? Refusal()
    {
        if (declared is not null)
        {
            return $"unsupported FHIR version: {declared}; Relief reads FHIR R4";
        }

        if (version is null || r4Shapes > 0)
        {
            return null;
        }

        // A version was named, so there is evidence and its reasons.
        var reasons = this.reasons!;
        var shown = string.Join("; ", reasons.Take(ReasonsShown));
        var more = reasons.Count > ReasonsShown ? $"; and {reasons.Count - ReasonsShown} more" : "";
        return $"unsupported FHIR version: this looks like {version} ({shown}{more}); Relief reads FHIR R4";
    }

    private void StatusShape(JsonElement resource, string resourceType, ReadOnlySpan<byte> name, string element)
    {
        if (!resource.TryGetProperty(name, out var status))
        {
            return;
        }

        if (status.ValueKind == JsonValueKind.Object)
        {
            r4Shapes++;
        }
        else if (status.ValueKind == JsonValueKind.String)
        {
            Evidence("DSTU2 or STU3", $"{resourceType}.{element} is a plain code (a CodeableConcept in R4)");
        }
    }

    private void Newer(JsonElement resource, string resourceType)
    {
        // R5 replaced medication[x] by one CodeableReference element named medication.
        if (resource.TryGetProperty("medication"u8, out var medication) && medication.ValueKind == JsonValueKind.Object)
        {
            Evidence("R5", $"{resourceType}.medication is a CodeableReference (R5; R4 has medication[x])");
        }
    }

    private void Evidence(string label, string reason)
    {
        // The most specific label wins: DSTU2 evidence outranks "DSTU2 or STU3".
        if (version is null || version == "DSTU2 or STU3" || (label == "DSTU2" && version == "STU3"))
        {
            version = label;
        }

        reasons ??= [];
        if ((seenReasons ??= new HashSet<string>(StringComparer.Ordinal)).Add(reason))
        {
            // A resource type only an older version has is the plainest evidence: it goes first.
            if (reason.Contains("resource type", StringComparison.Ordinal))
            {
                reasons.Insert(typeReasons++, reason);
            }
            else
            {
                reasons.Add(reason);
            }
        }
    }

    private static bool Has(JsonElement resource, ReadOnlySpan<byte> name) => resource.TryGetProperty(name, out _);
}
