using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Relief.Store.Diary;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    /// <summary>
    /// Records one diary entry (and its instrument answers and PEM crash, if any) after validating all of it;
    /// nothing is written when any field is wrong.
    /// </summary>
    public async Task<StoreResult<DiaryEntryView>> AddDiaryEntryAsync(string patientId, DiaryInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await AddDiaryEntriesAsync(patientId, [input], actor, cancellationToken);
        return result.Succeeded
            ? StoreResult<DiaryEntryView>.Ok(result.Value![0])
            : new StoreResult<DiaryEntryView> { Outcome = result.Outcome, Errors = [.. result.Errors.Select(e => e with { Field = e.Field.Replace("entries[0].", "", StringComparison.Ordinal) })] };
    }

    /// <summary>
    /// Records several diary entries in one transaction (a phone's offline queue, an import): all or none.
    /// Errors name the entry: entries[3].pain.
    /// </summary>
    public async Task<StoreResult<IReadOnlyList<DiaryEntryView>>> AddDiaryEntriesAsync(string patientId, IReadOnlyList<DiaryInput> inputs, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var now = Now;
        var errors = inputs.SelectMany((input, i) => DiaryValidator.Validate(input, FollowUp, now).Select(e => e with { Field = $"entries[{i}].{e.Field}" })).ToList();
        if (errors.Count > 0)
        {
            return StoreResult<IReadOnlyList<DiaryEntryView>>.Invalid(errors);
        }

        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return StoreResult<IReadOnlyList<DiaryEntryView>>.NotFound($"patient {patientId}");
        }

        var entries = inputs.Select(input => new DiaryEntry
        {
            PatientId = patientId,
            RecordedAt = now,
            RecordedBy = actor,
            At = input.At ?? now,
            Pain = input.Pain,
            Fatigue = input.Fatigue,
            Exertion = input.Exertion,
            SleepHours = input.SleepHours,
            SleepQuality = input.SleepQuality,
            Mood = input.Mood,
            BodySites = [.. input.BodySites.Distinct(StringComparer.Ordinal)],
            PainQualities = [.. input.PainQualities.Distinct(StringComparer.Ordinal)],
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        }).ToList();
        db.DiaryEntries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);

        var saved = new List<(DiaryEntry Entry, List<OutcomeMeasurement> Measurements)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (input, entry) = (inputs[i], entries[i]);
            var measurements = input.Instruments.Select(a =>
            {
                var instrument = FollowUp.InstrumentsById[a.InstrumentId];
                return new OutcomeMeasurement
                {
                    PatientId = patientId,
                    RecordedAt = now,
                    RecordedBy = actor,
                    InstrumentId = instrument.Id,
                    Code = instrument.Code!.Value.ToString(),
                    Value = a.Value,
                    EffectiveAt = entry.At,
                    DiaryEntryId = entry.Id,
                };
            }).ToList();
            db.Measurements.AddRange(measurements);
            if (input.PemSeverity is { } severity)
            {
                db.PemEpisodes.Add(new PemEpisode { PatientId = patientId, RecordedAt = now, RecordedBy = actor, StartedAt = entry.At, Severity = severity, Notes = entry.Notes });
            }

            db.AuditEvents.Add(new AuditEvent { At = now, Actor = actor, Action = "create", PatientId = patientId, EntityType = nameof(DiaryEntry), EntityId = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            saved.Add((entry, measurements));
        }

        await RefreshTasksAsync(db, patientId, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Views are made after the save, when the measurements have their ids.
        return StoreResult<IReadOnlyList<DiaryEntryView>>.Ok(saved.Select(s => View(s.Entry) with { Measurements = [.. s.Measurements.Select(View)] }).ToList());
    }

    /// <summary>
    /// Replaces a diary entry's values with an amendment: the previous values are kept in the trail with who,
    /// when and why. <paramref name="expectedVersion"/> is the version the caller read (the ETag); a different
    /// stored version is a conflict and nothing is written.
    /// </summary>
    public async Task<StoreResult<DiaryEntryView>> AmendDiaryEntryAsync(long entryId, int expectedVersion, DiaryInput input, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        var errors = DiaryValidator.Validate(input, FollowUp, now);
        if (input.PemSeverity is not null || input.Instruments.Count > 0)
        {
            errors.Add(new StoreError("entry", "an amendment changes the entry's own values; record a PEM crash or instrument answers as a new entry"));
        }

        if (errors.Count > 0)
        {
            return StoreResult<DiaryEntryView>.Invalid(errors);
        }

        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await db.DiaryEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return StoreResult<DiaryEntryView>.NotFound($"diary entry {entryId}");
        }

        if (entry.Version != expectedVersion)
        {
            return StoreResult<DiaryEntryView>.Conflict($"diary entry {entryId} is at version {entry.Version}, not {expectedVersion}: read it again");
        }

        var previous = JsonSerializer.Serialize(View(entry));
        var changed = new List<string>();
        Set(changed, "At", entry.At, input.At ?? entry.At, v => entry.At = v);
        Set(changed, "Pain", entry.Pain, input.Pain, v => entry.Pain = v);
        Set(changed, "Fatigue", entry.Fatigue, input.Fatigue, v => entry.Fatigue = v);
        Set(changed, "Exertion", entry.Exertion, input.Exertion, v => entry.Exertion = v);
        Set(changed, "SleepHours", entry.SleepHours, input.SleepHours, v => entry.SleepHours = v);
        Set(changed, "SleepQuality", entry.SleepQuality, input.SleepQuality, v => entry.SleepQuality = v);
        Set(changed, "Mood", entry.Mood, input.Mood, v => entry.Mood = v);
        Set(changed, "Notes", entry.Notes, input.Notes, v => entry.Notes = v);
        if (!entry.BodySites.SequenceEqual(input.BodySites))
        {
            entry.BodySites = [.. input.BodySites];
            changed.Add("BodySites");
        }

        if (!entry.PainQualities.SequenceEqual(input.PainQualities))
        {
            entry.PainQualities = [.. input.PainQualities];
            changed.Add("PainQualities");
        }

        if (changed.Count == 0)
        {
            return StoreResult<DiaryEntryView>.Ok(View(entry));
        }

        db.Amendments.Add(new Amendment
        {
            PatientId = entry.PatientId,
            EntityType = nameof(DiaryEntry),
            EntityId = entry.Id,
            ReplacedVersion = entry.Version,
            ChangedAt = now,
            ChangedBy = actor,
            Reason = reason,
            ChangedFields = string.Join(",", changed),
            PreviousJson = previous,
        });
        entry.Version++;
        db.AuditEvents.Add(new AuditEvent { At = now, Actor = actor, Action = "update", PatientId = entry.PatientId, EntityType = nameof(DiaryEntry), EntityId = entryId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        try
        {
            await RefreshTasksAsync(db, entry.PatientId, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer committed between our read and our write: the version check in the UPDATE caught it.
            return StoreResult<DiaryEntryView>.Conflict($"diary entry {entryId} was changed by someone else: read it again");
        }

        return StoreResult<DiaryEntryView>.Ok(View(entry));
    }

    /// <summary>A patient's diary, newest first, a page at a time (cursor: the last entry id seen).</summary>
    public async Task<StoreResult<Page<DiaryEntryView>>> DiaryAsync(string patientId, PageRequest page, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return StoreResult<Page<DiaryEntryView>>.NotFound($"patient {patientId}");
        }

        var size = page.ClampedSize;
        var query = db.DiaryEntries.AsNoTracking().Where(d => d.PatientId == patientId);
        if (long.TryParse(page.After, out var after))
        {
            query = query.Where(d => d.Id < after);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, patientId, nameof(DiaryEntry), null, cancellationToken);
        var items = rows.Take(size).Select(View).ToImmutableArray();
        return StoreResult<Page<DiaryEntryView>>.Ok(new Page<DiaryEntryView>(items, rows.Count > size ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    /// <summary>
    /// The patient's latest diary entries by the time they describe (newest first; entries of the same instant newest
    /// recorded first), at most <paramref name="count"/> (1-50): the diary page's recent entries, where a backdated
    /// entry belongs at its own time, not at the top. One indexed query ((patient, at) index), bounded by the count.
    /// </summary>
    public async Task<StoreResult<ImmutableArray<DiaryEntryView>>> RecentDiaryAsync(string patientId, int count, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 50);
        await using var db = NewContext();
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return StoreResult<ImmutableArray<DiaryEntryView>>.NotFound($"patient {patientId}");
        }

        var rows = await db.DiaryEntries.AsNoTracking()
            .Where(d => d.PatientId == patientId)
            .OrderByDescending(d => d.At).ThenByDescending(d => d.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, patientId, nameof(DiaryEntry), null, cancellationToken);
        return StoreResult<ImmutableArray<DiaryEntryView>>.Ok([.. rows.Select(View)]);
    }

    /// <summary>One diary entry with its patient (the API reads it for its ETag and to check who may see it).</summary>
    public async Task<StoreResult<PatientDiaryEntry>> GetDiaryEntryAsync(long entryId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        var entry = await db.DiaryEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return StoreResult<PatientDiaryEntry>.NotFound($"diary entry {entryId}");
        }

        var measurements = await db.Measurements.AsNoTracking().Where(m => m.DiaryEntryId == entryId).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, entry.PatientId, nameof(DiaryEntry), entryId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return StoreResult<PatientDiaryEntry>.Ok(new PatientDiaryEntry(entry.PatientId, View(entry) with { Measurements = [.. measurements.Select(View)] }));
    }

    /// <summary>
    /// Whose diary entry this is, or null: an access check before a write, which discloses nothing to the caller
    /// and so writes no audit event (the write that follows does).
    /// </summary>
    public async Task<string?> DiaryEntryOwnerAsync(long entryId, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        return await db.DiaryEntries.AsNoTracking().Where(e => e.Id == entryId).Select(e => e.PatientId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The amendment trail of one entry, oldest first.</summary>
    public async Task<ImmutableArray<AmendmentView>> AmendmentsAsync(string entityType, long entityId, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        var rows = await db.Amendments.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(View)];
    }

    internal static AmendmentView View(Amendment a) => new()
    {
        Id = a.Id,
        EntityType = a.EntityType,
        EntityId = a.EntityId,
        ReplacedVersion = a.ReplacedVersion,
        ChangedAt = a.ChangedAt,
        ChangedBy = a.ChangedBy,
        Reason = a.Reason,
        ChangedFields = a.ChangedFields,
    };

    internal static DiaryEntryView View(DiaryEntry e) => new()
    {
        Id = e.Id,
        At = e.At,
        RecordedAt = e.RecordedAt,
        Pain = e.Pain,
        Fatigue = e.Fatigue,
        Exertion = e.Exertion,
        SleepHours = e.SleepHours,
        SleepQuality = e.SleepQuality,
        Mood = e.Mood,
        BodySites = [.. e.BodySites],
        PainQualities = [.. e.PainQualities],
        Notes = e.Notes,
        Status = e.Status,
        Version = e.Version,
    };

    internal static MeasurementView View(OutcomeMeasurement m) => new(m.Id, m.InstrumentId, m.Code, m.Value, m.EffectiveAt, m.Version);

    private static void Set<T>(List<string> changed, string name, T current, T next, Action<T> assign)
    {
        if (!EqualityComparer<T>.Default.Equals(current, next))
        {
            assign(next);
            changed.Add(name);
        }
    }
}
