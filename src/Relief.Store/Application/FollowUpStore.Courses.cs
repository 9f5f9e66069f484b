using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Relief.Core.Codes;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Application;

public sealed partial class FollowUpStore
{
    private static readonly string[] AdverseSeverities = ["mild", "moderate", "severe"];

    /// <summary>Starts a course (drug, start, first dose) and re-derives the patient's monitoring tasks.</summary>
    public async Task<StoreResult<CourseView>> StartCourseAsync(string patientId, CourseInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<StoreError>();
        if (!Code.TryParse(input.DrugCode, out var code))
        {
            errors.Add(new StoreError("drug", $"'{input.DrugCode}' is not system|code (e.g. rxnorm|72625)"));
        }
        else if (!CodeFormats.IsWellFormed(code.System, code.Value))
        {
            errors.Add(new StoreError("drug", $"'{code.Value}' is not a well-formed {CodeSystems.ShortName(code.System)} code"));
        }

        if (string.IsNullOrWhiteSpace(input.DrugName))
        {
            errors.Add(new StoreError("drug-name", "is required"));
        }

        if (input.Start.ToDateTime(TimeOnly.MinValue) > Now.Date.AddDays(1))
        {
            errors.Add(new StoreError("start", $"{input.Start:yyyy-MM-dd} is in the future (record a planned course when it starts)"));
        }

        CheckDose(errors, input.Dose);
        if (errors.Count > 0)
        {
            return StoreResult<CourseView>.Invalid(errors);
        }

        return await WriteAsync(patientId, actor, async (db, now) =>
        {
            var course = new TreatmentCourse
            {
                PatientId = patientId,
                RecordedAt = now,
                RecordedBy = actor,
                DrugCodes = [code.ToString()],
                DrugName = input.DrugName.Trim(),
                Use = "current",
                FhirStatus = "active",
                Start = input.Start,
                DoseChanges = input.Dose is { } d ? [Dose(d, input.Start, actor, now)] : [],
            };
            db.Courses.Add(course);
            await db.SaveChangesAsync(cancellationToken);
            Audit(db, now, actor, "create", patientId, nameof(TreatmentCourse), course.Id);
            return StoreResult<CourseView>.Ok(View(course));
        }, cancellationToken);
    }

    /// <summary>Whose course this is, or null: an access check before a write (no audit event; the write writes one).</summary>
    public async Task<string?> CourseOwnerAsync(long courseId, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        return await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.PatientId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Changes a course's dose from a date; the course's version must be the one the caller read.</summary>
    public Task<StoreResult<CourseView>> ChangeDoseAsync(long courseId, int expectedVersion, DateOnly from, DoseInput dose, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<StoreError>();
        CheckDose(errors, dose);
        return errors.Count > 0
            ? Task.FromResult(StoreResult<CourseView>.Invalid(errors))
            : AmendCourseAsync(courseId, expectedVersion, actor, $"dose change from {from:yyyy-MM-dd}", "DoseChanges", (course, now) =>
            {
                course.DoseChanges.Add(Dose(dose, from, actor, now));
                return null;
            }, cancellationToken);
    }

    /// <summary>Stops a course on a date for a reason (kept as history; the course becomes past).</summary>
    public Task<StoreResult<CourseView>> StopCourseAsync(long courseId, int expectedVersion, DateOnly stop, string reason, string actor, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(StoreResult<CourseView>.Invalid("reason", "a stop needs its reason"))
            : AmendCourseAsync(courseId, expectedVersion, actor, reason, "Stop,StopReason,Use", (course, now) =>
            {
                if (course.Start is { } start && stop < start)
                {
                    return new StoreError("stop", $"{stop:yyyy-MM-dd} is before the start {start:yyyy-MM-dd}");
                }

                if (stop.ToDateTime(TimeOnly.MinValue) > now.Date.AddDays(1))
                {
                    return new StoreError("stop", $"{stop:yyyy-MM-dd} is in the future");
                }

                course.Stop = stop;
                course.StopReason = reason.Trim();
                course.Use = "past";
                course.FhirStatus = "stopped";
                return null;
            }, cancellationToken);

    /// <summary>Records whether the day's doses were taken, partly taken or missed.</summary>
    public async Task<StoreResult<AdherenceSummary>> RecordAdherenceAsync(AdherenceInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = NewContext();
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CourseId, cancellationToken);
        if (course is null)
        {
            return StoreResult<AdherenceSummary>.NotFound($"course {input.CourseId}");
        }

        if (input.Date.ToDateTime(TimeOnly.MinValue) > Now.Date)
        {
            return StoreResult<AdherenceSummary>.Invalid("date", $"{input.Date:yyyy-MM-dd} is in the future");
        }

        var now = Now;
        db.Adherence.Add(new AdherenceRecord { PatientId = course.PatientId, CourseId = course.Id, Date = input.Date, Adherence = input.Adherence, RecordedAt = now, RecordedBy = actor });
        Audit(db, now, actor, "create", course.PatientId, nameof(AdherenceRecord), course.Id);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<AdherenceSummary>.Ok(await AdherenceOf(db, course.Id, cancellationToken));
    }

    public async Task<StoreResult<AdverseEventView>> AddAdverseEventAsync(string patientId, AdverseEventInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<StoreError>();
        if (!AdverseSeverities.Contains(input.Severity))
        {
            errors.Add(new StoreError("severity", $"'{input.Severity}' is not one of {string.Join(", ", AdverseSeverities)}"));
        }

        if (string.IsNullOrWhiteSpace(input.Description))
        {
            errors.Add(new StoreError("description", "is required"));
        }

        if (input.Onset.ToDateTime(TimeOnly.MinValue) > Now.Date.AddDays(1))
        {
            errors.Add(new StoreError("onset", $"{input.Onset:yyyy-MM-dd} is in the future"));
        }

        if (errors.Count > 0)
        {
            return StoreResult<AdverseEventView>.Invalid(errors);
        }

        return await WriteAsync(patientId, actor, async (db, now) =>
        {
            TreatmentCourse? course = null;
            if (input.SuspectedCourseId is { } courseId)
            {
                course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId && c.PatientId == patientId, cancellationToken);
                if (course is null)
                {
                    return StoreResult<AdverseEventView>.Invalid("suspected-course", $"course {courseId} is not one of this patient's courses");
                }
            }

            var entry = new AdverseEventEntry
            {
                PatientId = patientId,
                RecordedAt = now,
                RecordedBy = actor,
                Onset = input.Onset,
                Description = input.Description.Trim(),
                Severity = input.Severity,
                SuspectedCourseId = course?.Id,
                SuspectedDrugCode = course?.DrugCodes.FirstOrDefault(),
                SuspectedDrugName = course?.DrugName,
            };
            db.AdverseEvents.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            Audit(db, now, actor, "create", patientId, nameof(AdverseEventEntry), entry.Id);
            return StoreResult<AdverseEventView>.Ok(new AdverseEventView(entry.Id, entry.Onset, entry.Description, entry.Severity, entry.SuspectedDrugName, entry.Version));
        }, cancellationToken);
    }

    /// <summary>Adds a lab result; a test the monitoring knowledge knows must come in a unit convertible to its own.</summary>
    public async Task<StoreResult<LabResultView>> AddLabResultAsync(string patientId, LabInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<StoreError>();
        var code = new Code(CodeSystems.Loinc, string.IsNullOrWhiteSpace(input.LoincCode) ? "?" : input.LoincCode.Trim());
        if (!CodeFormats.IsWellFormed(CodeSystems.Loinc, code.Value))
        {
            errors.Add(new StoreError("code", $"'{input.LoincCode}' is not a well-formed LOINC code"));
        }

        var units = Knowledge.Safety.Units;
        var unit = units.Normalise(input.Unit, input.Unit);
        if (unit is null)
        {
            errors.Add(new StoreError("unit", $"unknown unit '{input.Unit}' (use UCUM, e.g. U/L, umol/L, 10*9/L)"));
        }
        else if (Knowledge.Safety.TestIdsByCode.TryGetValue(code, out var testIds)
                 && Knowledge.Safety.Tests[testIds[0]] is { Unit: { } expected } test
                 && !units.CanConvert(unit, expected, test.Analyte))
        {
            errors.Add(new StoreError("unit", $"{test.Name} is measured in {expected}; '{input.Unit}' cannot be converted to it"));
        }

        if (input.Value < 0)
        {
            errors.Add(new StoreError("value", "a negative result is implausible"));
        }

        if (input.Effective.ToDateTime(TimeOnly.MinValue) > Now.Date.AddDays(1))
        {
            errors.Add(new StoreError("date", $"{input.Effective:yyyy-MM-dd} is in the future"));
        }

        if (errors.Count > 0)
        {
            return StoreResult<LabResultView>.Invalid(errors);
        }

        return await WriteAsync(patientId, actor, async (db, now) =>
        {
            var lab = new LabResult
            {
                PatientId = patientId,
                RecordedAt = now,
                RecordedBy = actor,
                Codes = [code.ToString()],
                Display = input.Display,
                Value = input.Value,
                Unit = unit,
                UnitCode = unit,
                Effective = input.Effective,
                FhirStatus = "final",
            };
            db.LabResults.Add(lab);
            await db.SaveChangesAsync(cancellationToken);
            Audit(db, now, actor, "create", patientId, nameof(LabResult), lab.Id);
            return StoreResult<LabResultView>.Ok(new LabResultView
            {
                Id = lab.Id,
                Code = code.ToString(),
                Display = lab.Display,
                Value = lab.Value,
                Unit = lab.Unit,
                Effective = lab.Effective,
                Version = lab.Version,
            });
        }, cancellationToken);
    }

    /// <summary>One write for a patient: a transaction, the patient must exist, tasks re-derived before commit.</summary>
    private async Task<StoreResult<T>> WriteAsync<T>(string patientId, string actor, Func<StoreDbContext, DateTime, Task<StoreResult<T>>> write, CancellationToken cancellationToken)
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return StoreResult<T>.NotFound($"patient {patientId}");
        }

        var now = Now;
        var result = await write(db, now);
        if (!result.Succeeded)
        {
            return result;
        }

        await RefreshTasksAsync(db, patientId, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<StoreResult<CourseView>> AmendCourseAsync(
        long courseId, int expectedVersion, string actor, string reason, string fields, Func<TreatmentCourse, DateTime, StoreError?> change, CancellationToken cancellationToken)
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var course = await db.Courses.Include(c => c.DoseChanges).FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
        {
            return StoreResult<CourseView>.NotFound($"course {courseId}");
        }

        if (course.Version != expectedVersion)
        {
            return StoreResult<CourseView>.Conflict($"course {courseId} is at version {course.Version}, not {expectedVersion}: read it again");
        }

        var now = Now;
        var previous = JsonSerializer.Serialize(View(course));
        if (change(course, now) is { } error)
        {
            return StoreResult<CourseView>.Invalid([error]);
        }

        db.Amendments.Add(new Amendment
        {
            PatientId = course.PatientId,
            EntityType = nameof(TreatmentCourse),
            EntityId = course.Id,
            ReplacedVersion = course.Version,
            ChangedAt = now,
            ChangedBy = actor,
            Reason = reason,
            ChangedFields = fields,
            PreviousJson = previous,
        });
        course.Version++;
        Audit(db, now, actor, "update", course.PatientId, nameof(TreatmentCourse), course.Id);
        try
        {
            await RefreshTasksAsync(db, course.PatientId, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StoreResult<CourseView>.Conflict($"course {courseId} was changed by someone else: read it again");
        }

        return StoreResult<CourseView>.Ok(View(course));
    }

    private static void CheckDose(List<StoreError> errors, DoseInput? dose)
    {
        if (dose is null)
        {
            return;
        }

        if (dose.Value <= 0)
        {
            errors.Add(new StoreError("dose", $"{dose.Value} is not a positive dose"));
        }

        if (string.IsNullOrWhiteSpace(dose.Unit))
        {
            errors.Add(new StoreError("dose-unit", "is required (e.g. mg)"));
        }

        if (dose.Frequency < 1 || dose.Period <= 0 || dose.PeriodUnit is not ("h" or "d" or "wk" or "mo"))
        {
            errors.Add(new StoreError("dose-timing", "frequency >= 1 per period > 0 of h, d, wk or mo"));
        }
    }

    private static DoseChange Dose(DoseInput d, DateOnly from, string actor, DateTime now) => new()
    {
        EffectiveFrom = from,
        DoseValue = d.Value,
        DoseUnit = d.Unit,
        Frequency = d.Frequency,
        Period = d.Period,
        PeriodUnit = d.PeriodUnit,
        AsNeeded = d.AsNeeded,
        Text = d.Text ?? $"{d.Value.ToString(CultureInfo.InvariantCulture)} {d.Unit} {d.Frequency}x per {d.Period.ToString(CultureInfo.InvariantCulture)} {d.PeriodUnit}",
        RecordedAt = now,
        RecordedBy = actor,
    };

    private static async Task<AdherenceSummary> AdherenceOf(StoreDbContext db, long courseId, CancellationToken cancellationToken)
    {
        var counts = await db.Adherence.AsNoTracking().Where(a => a.CourseId == courseId && a.Status == EntryStatus.Current)
            .GroupBy(a => a.Adherence).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Of(Adherence a) => counts.FirstOrDefault(c => c.Key == a)?.Count ?? 0;
        return new AdherenceSummary(Of(Adherence.Taken), Of(Adherence.Partly), Of(Adherence.Missed));
    }

    internal static CourseView View(TreatmentCourse c)
    {
        var dose = c.DoseChanges.OrderBy(d => d.EffectiveFrom ?? DateOnly.MinValue).ThenBy(d => d.Id).LastOrDefault();
        return new CourseView
        {
            Id = c.Id,
            DrugName = c.DrugName,
            DrugCodes = [.. c.DrugCodes],
            Use = c.Use,
            Start = c.Start,
            Stop = c.Stop,
            StopReason = c.StopReason,
            CurrentDose = dose?.Text,
            Version = c.Version,
        };
    }

    private static void Audit(StoreDbContext db, DateTime now, string actor, string action, string patientId, string entityType, long id) =>
        db.AuditEvents.Add(new AuditEvent { At = now, Actor = actor, Action = action, PatientId = patientId, EntityType = entityType, EntityId = id.ToString(CultureInfo.InvariantCulture) });
}
