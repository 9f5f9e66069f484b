using System.Collections.Immutable;
using System.Text.Json;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;
using Relief.Fhir.Reading.Resources;

namespace Relief.Fhir.Reading;

/// <summary>
/// Turns the resources found in a bundle or a CDS Hooks prefetch into one <see cref="PatientRecord"/>:
/// a first pass learns each resource's type and id, the FHIR version and the patient; a second reads
/// the facts of the resources about that patient.
/// </summary>
internal static class RecordAssembler
{
    private static readonly ImmutableSortedDictionary<string, int> NoneIgnored = ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal);

    public static FhirReadResult Assemble(
        List<RawEntry> raw, FhirVersionEvidence versions, ReadContext context, bool newestFirst, string? patientId = null)
    {
        var entries = ScratchList<ResourceEntry>.Rent();
        var patients = ScratchList<ResourceEntry>.Rent();
        var seen = ScratchSet<(string ResourceType, string Id)>.Rent();
        try
        {
            return Assemble(raw, versions, context, newestFirst, patientId, entries, patients, seen);
        }
        finally
        {
            ScratchList<ResourceEntry>.Return(entries);
            ScratchList<ResourceEntry>.Return(patients);
            ScratchSet<(string ResourceType, string Id)>.Return(seen);
        }
    }

    private static FhirReadResult Assemble(
        List<RawEntry> raw, FhirVersionEvidence versions, ReadContext context, bool newestFirst, string? patientId,
        List<ResourceEntry> entries, List<ResourceEntry> patients, HashSet<(string ResourceType, string Id)> seen)
    {
        SortedDictionary<string, int>? ignored = null;

        foreach (var item in raw)
        {
            if (item.DeletedLabel is { } deleted)
            {
                // A history bundle's DELETE: older versions of this resource further down are not current.
                seen.Add(KeyOf(deleted));
                continue;
            }

            if (Identify(item, context) is not { } entry)
            {
                continue;
            }

            if (entry.Kind == ResourceKind.Other)
            {
                versions.Observe(entry.ResourceType, entry.Resource);
                ignored ??= new SortedDictionary<string, int>(StringComparer.Ordinal);
                ignored[entry.ResourceType] = ignored.TryGetValue(entry.ResourceType, out var count) ? count + 1 : 1;
                continue;
            }

            versions.Observe(entry.ResourceType, entry.Resource);
            versions.ObserveMeta(entry.Resource, entry.ResourceType, entry.Id);
            if (!seen.Add(entry.Key))
            {
                // A history bundle lists the newest version first; elsewhere a repeat is a sender's slip.
                if (!newestFirst && entry.Kind != ResourceKind.Patient)
                {
                    context.WarnAt(entry.Label, "", $"{entry.Label} appears again at {entry.Location}; the first copy is read");
                }

                continue;
            }

            switch (entry.Kind)
            {
                case ResourceKind.Patient:
                    patients.Add(entry);
                    break;
                case ResourceKind.Medication:
                    context.Resources.Add(entry.ResourceType, entry.Id, entry.FullUrl, entry.Resource);
                    break;
                default:
                    entries.Add(entry);
                    break;
            }
        }

        if (versions.Refusal() is { } refusal)
        {
            return FhirReadResult.Failure(FhirReadErrorKind.UnsupportedVersion, refusal);
        }

        if (patientId is not null)
        {
            return ForNamedPatient(patientId, patients, entries, ignored, context);
        }

        if (patients.Count == 0)
        {
            return FhirReadResult.Failure(FhirReadErrorKind.NoPatient, "no Patient resource found; Relief needs the patient the record is about");
        }

        if (patients.Count > 1)
        {
            var named = string.Join(", ", patients.Take(3).Select(p => p.Label)) + (patients.Count > 3 ? ", …" : "");
            return FhirReadResult.Failure(
                FhirReadErrorKind.SeveralPatients,
                $"found {patients.Count} patients ({named}); Relief assesses one patient per bundle");
        }

        return Success(new PatientIdentity(patients[0].Id, patients[0].FullUrl), patients[0], entries, ignored, context);
    }

    /// <summary>
    /// A CDS Hooks request names its patient in its context, and its prefetch may leave the Patient
    /// resource out: the record is then that patient's, with birth date and sex unknown.
    /// </summary>
    private static FhirReadResult ForNamedPatient(
        string patientId, List<ResourceEntry> patients, List<ResourceEntry> entries, SortedDictionary<string, int>? ignored, ReadContext context)
    {
        var other = -1;
        for (var i = 0; i < patients.Count; i++)
        {
            if (patients[i].Id != patientId)
            {
                other = i;
                break;
            }
        }

        if (other >= 0)
        {
            return FhirReadResult.Failure(
                FhirReadErrorKind.SeveralPatients,
                $"found {patients[other].Label} besides Patient/{patientId}, the patient named; Relief assesses one patient per read");
        }

        if (patients.Count == 0)
        {
            context.WarnAt($"Patient/{patientId}", "", $"no Patient resource for Patient/{patientId}; birth date and sex unknown");
            return Success(new PatientIdentity(patientId, null), null, entries, ignored, context);
        }

        return Success(new PatientIdentity(patientId, patients[0].FullUrl), patients[0], entries, ignored, context);
    }

    private static FhirReadResult Success(
        PatientIdentity identity, ResourceEntry? patient, List<ResourceEntry> entries, SortedDictionary<string, int>? ignored, ReadContext context)
    {
        context.Patient = identity;
        context.Location = identity.Label;
        var (birthDate, sex) = patient is { } resource ? PatientReader.Read(resource, context) : (null, AdministrativeSex.Unknown);
        var name = patient is { } named ? HumanNameReader.Read(named, context) : null;
        var (deceased, deceasedOn) = patient is { } person ? PatientReader.Death(person, context) : (false, null);

        // Each list sized to its resources (a small patient has two or three kinds of the nine): no growing, no copy.
        Span<int> counts = stackalloc int[(int)ResourceKind.ServiceRequest + 1];
        foreach (var entry in entries)
        {
            counts[(int)entry.Kind]++;
        }

        var conditions = new FactArray<ConditionFact>(counts[(int)ResourceKind.Condition]);
        var medications = new FactArray<MedicationFact>(counts[(int)ResourceKind.MedicationRequest] + counts[(int)ResourceKind.MedicationStatement]);
        var observations = counts[(int)ResourceKind.Observation] > 0 ? ScratchList<ObservationFact>.Rent() : null;
        var allergies = new FactArray<AllergyFact>(counts[(int)ResourceKind.AllergyIntolerance]);
        var procedures = new FactArray<ProcedureFact>(counts[(int)ResourceKind.Procedure]);
        var immunizations = new FactArray<ImmunizationFact>(counts[(int)ResourceKind.Immunization]);
        var encounters = new FactArray<EncounterFact>(counts[(int)ResourceKind.Encounter]);
        var carePlans = new FactArray<CarePlanFact>(counts[(int)ResourceKind.CarePlan]);
        var serviceRequests = new FactArray<ServiceRequestFact>(counts[(int)ResourceKind.ServiceRequest]);
        foreach (var entry in entries)
        {
            context.ReadingResource(entry.ResourceType, entry.Id);
            if (!SubjectCheck.IsAboutPatient(entry, context))
            {
                continue;
            }

            switch (entry.Kind)
            {
                case ResourceKind.Condition:
                    conditions.Add(ConditionReader.Read(entry, context));
                    break;
                case ResourceKind.MedicationRequest:
                    medications.Add(MedicationRequestReader.Read(entry, context));
                    break;
                case ResourceKind.MedicationStatement:
                    medications.Add(MedicationStatementReader.Read(entry, context));
                    break;
                case ResourceKind.Observation:
                    ObservationReader.Read(entry, observations!, context);
                    break;
                case ResourceKind.AllergyIntolerance:
                    allergies.Add(AllergyIntoleranceReader.Read(entry, context));
                    break;
                case ResourceKind.Procedure:
                    procedures.Add(ProcedureReader.Read(entry, context));
                    break;
                case ResourceKind.Immunization:
                    immunizations.Add(ImmunizationReader.Read(entry, context));
                    break;
                case ResourceKind.Encounter:
                    encounters.Add(EncounterReader.Read(entry, context));
                    break;
                case ResourceKind.CarePlan:
                    carePlans.Add(CarePlanReader.Read(entry, context));
                    break;
                case ResourceKind.ServiceRequest:
                    serviceRequests.Add(ServiceRequestReader.Read(entry, context));
                    break;
            }
        }

        var record = new PatientRecord
        {
            Id = identity.Id,
            Name = name,
            BirthDate = birthDate,
            Sex = sex,
            Deceased = deceased,
            DeceasedOn = deceasedOn,
            Conditions = conditions.ToImmutable(),
            Medications = medications.ToImmutable(),
            Observations = Drain(observations),
            Allergies = allergies.ToImmutable(),
            Procedures = procedures.ToImmutable(),
            Immunizations = immunizations.ToImmutable(),
            Encounters = encounters.ToImmutable(),
            CarePlans = carePlans.ToImmutable(),
            ServiceRequests = serviceRequests.ToImmutable(),
        };
        return FhirReadResult.Success(record, context.ToWarnings(), ignored?.ToImmutableSortedDictionary(StringComparer.Ordinal) ?? NoneIgnored);
    }

    /// <summary>The observations (a resource may give several: its components) as the record keeps them; the scratch list goes back.</summary>
    private static ImmutableArray<ObservationFact> Drain(List<ObservationFact>? observations)
    {
        if (observations is null)
        {
            return [];
        }

        ImmutableArray<ObservationFact> facts = [.. observations];
        ScratchList<ObservationFact>.Return(observations);
        return facts;
    }

    /// <summary>A history DELETE's <c>Type/id</c> as the pair resources are keyed by (the type ends at the first '/').</summary>
    private static (string ResourceType, string Id) KeyOf(string label)
    {
        var slash = label.IndexOf('/', StringComparison.Ordinal);
        return (label[..slash], label[(slash + 1)..]);
    }

    /// <summary>The entry's type and id, or null (with a warning) when it is not a resource the reader can place.</summary>
    private static ResourceEntry? Identify(RawEntry item, ReadContext context)
    {
        var resource = item.Resource;
        if (resource.ValueKind != JsonValueKind.Object)
        {
            context.WarnAt(item.Location, "", $"{item.Location} should be a resource object, found {TolerantJson.Describe(resource)}; ignored");
            return null;
        }

        var kind = ResourceKind.Other;
        var resourceType = "";
        if (resource.TryGetProperty("resourceType"u8, out var typeElement) && typeElement.ValueKind == JsonValueKind.String)
        {
            kind = ResourceKinds.Of(typeElement, out resourceType);
        }

        if (resourceType.Length == 0)
        {
            context.WarnAt(item.Location, "", $"{item.Location} has no resourceType; ignored");
            return null;
        }

        if (kind == ResourceKind.Other)
        {
            // Passed over unread: no id, no string beyond the type's, for the Claims of a Synthea bundle.
            return new ResourceEntry(resource, kind, resourceType, "", item.FullUrl, item.Location);
        }

        var id = resource.TryGetProperty("id"u8, out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()
            : null;
        if (string.IsNullOrEmpty(id))
        {
            id = IdFromFullUrl(item.FullUrl) ?? item.Location;
            var source = item.FullUrl is null ? "its place in the input" : "its fullUrl";
            context.WarnAt($"{resourceType}/{id}", "id", $"{resourceType} at {item.Location} has no id; named \"{id}\" from {source}");
        }

        return new ResourceEntry(resource, kind, resourceType, id, item.FullUrl, item.Location);
    }

    /// <summary>The id a fullUrl implies: the uuid of <c>urn:uuid:…</c>, the last segment of a RESTful URL.</summary>
    private static string? IdFromFullUrl(string? fullUrl)
    {
        if (string.IsNullOrEmpty(fullUrl))
        {
            return null;
        }

        if (fullUrl.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) || fullUrl.StartsWith("urn:oid:", StringComparison.OrdinalIgnoreCase))
        {
            return fullUrl[(fullUrl.LastIndexOf(':') + 1)..];
        }

        var path = References.WithoutHistory(fullUrl);
        var slash = path.LastIndexOf('/');
        return slash >= 0 && slash < path.Length - 1 ? path[(slash + 1)..].ToString() : null;
    }
}
