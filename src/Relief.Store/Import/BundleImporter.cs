using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Relief.Core.Patients;
using Relief.Fhir.Reading;
using Relief.Store.Application;
using Relief.Store.Knowledge;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Import;

/// <summary>
/// Imports one FHIR R4 bundle (one patient) in one transaction. Resources are upserted by identity
/// (type and id): the same content changes nothing; a provably newer version (meta.versionId, else
/// meta.lastUpdated) replaces the stored one, whose text goes to the amendment trail; anything else is a
/// conflict, reported and left as stored. The facts of new or replaced resources become store entries. A resource
/// carrying the <see cref="EntryIdentifier"/> of an entry this store holds for the patient (a Relief export
/// re-imported) is unchanged: nothing is added, so goals, courses and diary values are never duplicated.
/// </summary>
internal sealed class BundleImporter(FollowUpKnowledge followUp)
{
    public async Task<StoreResult<ImportReport>> ImportAsync(
        StoreDbContext db,
        ReadOnlyMemory<byte> utf8,
        string actor,
        DateTime now,
        CancellationToken cancellationToken,
        Func<StoreDbContext, string, DateTime, CancellationToken, Task>? afterWrite = null,
        Func<CancellationToken, Task>? beforeCommit = null)
    {
        var read = FhirBundleReader.Read(utf8);
        if (read.Error is { } error)
        {
            return StoreResult<ImportReport>.Invalid("bundle", error.Message);
        }

        var record = read.Record!;
        using var document = JsonDocument.Parse(utf8);
        var resources = RawResource.FromBundle(document.RootElement);
        var patientId = record.Id;
        if (patientId.Length > 64)
        {
            return StoreResult<ImportReport>.Invalid("Patient.id", "longer than 64 characters");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var patient = await db.Patients.FindAsync([patientId], cancellationToken);
        var patientJson = resources.FirstOrDefault(r => r.ResourceType == "Patient" && r.ResourceId == patientId);
        var known = await KnownEntriesAsync(db, patientId, patientStored: patient is not null, resources, cancellationToken);
        if (patient is null)
        {
            patient = new StoredPatient { Id = patientId, CreatedAt = now, Version = 1 };
            db.Patients.Add(patient);
        }

        var ids = resources.Select(r => r.ResourceId).ToList();
        var stored = await db.ImportedResources
            .Where(r => ids.Contains(r.ResourceId))
            .ToListAsync(cancellationToken);
        var storedByKey = stored.ToDictionary(r => (r.ResourceType, r.ResourceId));

        int created = 0, updated = 0, unchanged = 0;
        var conflicts = ImmutableArray.CreateBuilder<ImportConflict>();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            // The store's own entry, exported and brought back: it is already here (never a duplicate).
            if (resource.EntryIdentity is { } identity && known.Contains(identity))
            {
                unchanged++;
                continue;
            }

            if (!storedByKey.TryGetValue((resource.ResourceType, resource.ResourceId), out var existing))
            {
                db.ImportedResources.Add(new ImportedResource
                {
                    PatientId = patientId,
                    ResourceType = resource.ResourceType,
                    ResourceId = resource.ResourceId,
                    VersionId = resource.VersionId,
                    LastUpdated = resource.LastUpdated,
                    ContentHash = resource.Hash,
                    Json = resource.Json,
                    ImportedAt = now,
                });
                storedByKey[(resource.ResourceType, resource.ResourceId)] = null!;
                changed.Add(resource.Reference);
                created++;
                continue;
            }

            if (existing is null || existing.ContentHash == resource.Hash)
            {
                unchanged++;
                continue;
            }

            if (existing.PatientId != patientId)
            {
                conflicts.Add(new ImportConflict(resource.Reference, $"already stored for patient {existing.PatientId}; not moved"));
                continue;
            }

            var order = resource.CompareTo(existing.VersionId, existing.LastUpdated);
            if (order <= 0)
            {
                conflicts.Add(new ImportConflict(resource.Reference, order < 0
                    ? $"the stored version ({Describe(existing.VersionId, existing.LastUpdated)}) is newer than the bundle's ({Describe(resource.VersionId, resource.LastUpdated)}); kept the stored one"
                    : "different content with no newer meta.versionId or meta.lastUpdated; kept the stored one"));
                continue;
            }

            db.Amendments.Add(new Amendment
            {
                PatientId = patientId,
                EntityType = nameof(ImportedResource),
                EntityId = existing.Id,
                ReplacedVersion = existing.Version,
                ChangedAt = now,
                ChangedBy = actor,
                Reason = $"import of a newer version ({Describe(resource.VersionId, resource.LastUpdated)})",
                ChangedFields = "Json",
                PreviousJson = existing.Json,
            });
            existing.Json = resource.Json;
            existing.ContentHash = resource.Hash;
            existing.VersionId = resource.VersionId;
            existing.LastUpdated = resource.LastUpdated;
            existing.ImportedAt = now;
            existing.Version++;
            changed.Add(resource.Reference);
            replaced.Add(resource.Reference);
            updated++;
        }

        if (patientJson is not null && changed.Contains(patientJson.Reference))
        {
            if (patient.Version > 1 || db.Entry(patient).State != EntityState.Added)
            {
                patient.Version++;
            }

            patient.BirthDate = FactMapper.ToDate(record.BirthDate);
            patient.Sex = record.Sex.ToString().ToLowerInvariant();
            patient.Name = PatientName(document.RootElement, patientId);
        }

        if (replaced.Count > 0)
        {
            await SupersedeAsync(db, patientId, replaced, cancellationToken);
        }

        var measurements = AddFacts(db, record, changed, patientId, actor, now);
        AddGoals(db, resources, changed, patientId, actor, now);
        measurements += AddQuestionnaireScores(db, resources, changed, patientId, actor, now);

        db.AuditEvents.Add(new AuditEvent { At = now, Actor = actor, Action = "import", PatientId = patientId, EntityType = "Bundle" });
        if (afterWrite is not null && created + updated > 0)
        {
            await afterWrite(db, patientId, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (beforeCommit is not null)
        {
            await beforeCommit(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return StoreResult<ImportReport>.Ok(new ImportReport(patientId, created, updated, unchanged, conflicts.ToImmutable()) { Measurements = measurements });
    }

    private int AddFacts(StoreDbContext db, PatientRecord record, HashSet<string> changed, string patientId, string actor, DateTime now)
    {
        var measurements = 0;
        foreach (var condition in record.Conditions.Where(c => changed.Contains($"Condition/{c.ResourceId}")))
        {
            db.Conditions.Add(Stamp(FactMapper.Condition(patientId, condition), actor, now));
        }

        foreach (var medication in record.Medications.Where(m => m.Use != MedicationUse.Invalid && changed.Contains($"{m.ResourceType}/{m.ResourceId}")))
        {
            var course = Stamp(FactMapper.Course(patientId, medication), actor, now);
            foreach (var dose in course.DoseChanges)
            {
                dose.RecordedAt = now;
                dose.RecordedBy = actor;
            }

            db.Courses.Add(course);
        }

        foreach (var observation in record.Observations.Where(o => changed.Contains($"Observation/{o.ResourceId}")))
        {
            switch (FactMapper.Observation(patientId, observation, followUp))
            {
                case OutcomeMeasurement m:
                    db.Measurements.Add(Stamp(m, actor, now));
                    measurements++;
                    break;
                case LabResult l:
                    db.LabResults.Add(Stamp(l, actor, now));
                    break;
            }
        }

        return measurements;
    }

    private void AddGoals(StoreDbContext db, List<RawResource> resources, HashSet<string> changed, string patientId, string actor, DateTime now)
    {
        foreach (var resource in resources.Where(r => r.ResourceType == "Goal" && changed.Contains(r.Reference)))
        {
            if (GoalMapper.Map(patientId, resource, followUp, now) is { } goal)
            {
                db.Goals.Add(Stamp(goal, actor, now));
            }
        }
    }

    private int AddQuestionnaireScores(StoreDbContext db, List<RawResource> resources, HashSet<string> changed, string patientId, string actor, DateTime now)
    {
        var count = 0;
        foreach (var resource in resources.Where(r => r.ResourceType == "QuestionnaireResponse" && changed.Contains(r.Reference)))
        {
            using var json = JsonDocument.Parse(resource.Json);
            var (scores, _) = QuestionnaireResponseScorer.Score(json.RootElement, followUp.Questionnaires, resource.LastUpdated ?? now);
            foreach (var score in scores)
            {
                db.Measurements.Add(Stamp(new OutcomeMeasurement
                {
                    PatientId = patientId,
                    InstrumentId = score.Question.Instrument.Id,
                    Code = score.Question.Code.ToString(),
                    Value = score.Answer.Score,
                    AnswerCode = score.Answer.Code.ToString(),
                    EffectiveAt = score.EffectiveAt,
                    SourceResource = resource.Reference,
                }, actor, now));
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Which of the bundle's <see cref="EntryIdentifier"/> values name something this store holds for this patient
    /// (an entry of any status: one marked entered-in-error is not brought back either).
    /// </summary>
    private static async Task<HashSet<string>> KnownEntriesAsync(StoreDbContext db, string patientId, bool patientStored, List<RawResource> resources, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var identities = resources
            .Select(r => EntryIdentifier.TryParse(r.EntryIdentity, out var kind, out var id) ? (Kind: kind, Id: id) : default)
            .Where(x => x.Kind is { Length: > 0 })
            .Distinct()
            .GroupBy(x => x.Kind, x => x.Id);
        foreach (var group in identities)
        {
            var values = group.ToList();
            if (group.Key == EntryIdentifier.Patient)
            {
                if (patientStored && values.Contains(patientId))
                {
                    known.Add(EntryIdentifier.Value(EntryIdentifier.Patient, patientId));
                }

                continue;
            }

            if (group.Key == EntryIdentifier.Questionnaire)
            {
                var sources = await db.Measurements.Where(m => m.PatientId == patientId && values.Contains(m.SourceResource!))
                    .Select(m => m.SourceResource!).Distinct().ToListAsync(cancellationToken);
                known.UnionWith(sources.Select(source => EntryIdentifier.Value(EntryIdentifier.Questionnaire, source)));
                continue;
            }

            var ids = values.Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).OfType<long>().ToList();
            List<long> found = ids.Count == 0 ? [] : group.Key switch
            {
                EntryIdentifier.Condition => await IdsAsync(db.Conditions, patientId, ids, cancellationToken),
                EntryIdentifier.Course => await IdsAsync(db.Courses, patientId, ids, cancellationToken),
                EntryIdentifier.Measurement => await IdsAsync(db.Measurements, patientId, ids, cancellationToken),
                EntryIdentifier.Diary => await IdsAsync(db.DiaryEntries, patientId, ids, cancellationToken),
                EntryIdentifier.Lab => await IdsAsync(db.LabResults, patientId, ids, cancellationToken),
                EntryIdentifier.AdverseEvent => await IdsAsync(db.AdverseEvents, patientId, ids, cancellationToken),
                EntryIdentifier.Goal => await IdsAsync(db.Goals, patientId, ids, cancellationToken),
                _ => [],
            };
            known.UnionWith(found.Select(id => EntryIdentifier.Value(group.Key, id)));
        }

        return known;
    }

    private static Task<List<long>> IdsAsync<T>(DbSet<T> set, string patientId, List<long> ids, CancellationToken cancellationToken)
        where T : StoredEntry =>
        set.Where(e => e.PatientId == patientId && ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>Entries made from a resource version that was just replaced stop counting (they are kept).</summary>
    private static async Task SupersedeAsync(StoreDbContext db, string patientId, HashSet<string> replaced, CancellationToken cancellationToken)
    {
        var sources = replaced.ToList();
        await Supersede(db.Conditions, patientId, sources, cancellationToken);
        await Supersede(db.Courses, patientId, sources, cancellationToken);
        await Supersede(db.Measurements, patientId, sources, cancellationToken);
        await Supersede(db.LabResults, patientId, sources, cancellationToken);
        await Supersede(db.Goals, patientId, sources, cancellationToken);
    }

    private static async Task Supersede<T>(DbSet<T> set, string patientId, List<string> sources, CancellationToken cancellationToken)
        where T : StoredEntry
    {
        var entries = await set.Where(e => e.PatientId == patientId && e.Status == EntryStatus.Current && sources.Contains(e.SourceResource!))
            .ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.Status = EntryStatus.Superseded;
            entry.Version++;
        }
    }

    private static T Stamp<T>(T entry, string actor, DateTime now)
        where T : StoredEntry
    {
        entry.RecordedAt = now;
        entry.RecordedBy = actor;
        return entry;
    }

    private static string Describe(string? versionId, DateTime? lastUpdated) =>
        versionId is not null ? $"versionId {versionId}" : lastUpdated is { } u ? $"lastUpdated {u:yyyy-MM-ddTHH:mm:ssZ}" : "no version";

    /// <summary>"Given Family" from the Patient's first name, for lists; the id stays the address.</summary>
    private static string? PatientName(JsonElement bundle, string patientId)
    {
        foreach (var entry in bundle.GetProperty("entry").EnumerateArray())
        {
            if (entry.TryGetProperty("resource", out var r) && r.TryGetProperty("resourceType", out var t) && t.GetString() == "Patient"
                && r.TryGetProperty("id", out var id) && id.GetString() == patientId
                && r.TryGetProperty("name", out var names) && names.ValueKind == JsonValueKind.Array && names.GetArrayLength() > 0)
            {
                var name = names[0];
                var given = name.TryGetProperty("given", out var g) && g.ValueKind == JsonValueKind.Array
                    ? string.Join(' ', g.EnumerateArray().Select(x => x.GetString()))
                    : null;
                var family = name.TryGetProperty("family", out var f) ? f.GetString() : null;
                var text = string.Join(' ', new[] { given, family }.Where(s => !string.IsNullOrWhiteSpace(s)));
                return text.Length == 0 ? null : text[..Math.Min(text.Length, 200)];
            }
        }

        return null;
    }
}
