using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Knowledge;
using Relief.Store.Assessment;
using Relief.Store.Import;
using Relief.Store.Knowledge;
using Relief.Store.Model;
using Relief.Store.Persistence;
using Relief.Store.Records;
using Relief.Store.Tasks;

namespace Relief.Store.Application;

/// <summary>
/// The follow-up store's application layer: every operation the CLI, the HTTP API and the web pages need,
/// each one transaction, with validation results, not-found and stale-version conflicts as values, paging by
/// cursor, a version (ETag) on every entry, and an audit event per read or write. Front ends stay thin: they
/// parse, call one method here, and render.
/// </summary>
public sealed partial class FollowUpStore : IDueTasks
{
    private readonly StoreConnection _connection;
    private readonly Assessor _assessor;
    private readonly BundleImporter _importer;
    private readonly TaskDeriver _tasks;
    private readonly IClock _clock;

    public FollowUpStore(StoreConnection connection, KnowledgeBase knowledge, FollowUpKnowledge followUp, IClock clock)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        FollowUp = followUp ?? throw new ArgumentNullException(nameof(followUp));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _assessor = new Assessor(knowledge);
        _importer = new BundleImporter(followUp);
        _tasks = new TaskDeriver(new FindingProjection(knowledge));
    }

    public KnowledgeBase Knowledge { get; }

    public FollowUpKnowledge FollowUp { get; }

    public StoreConnection Connection => _connection;

    /// <summary>
    /// Fault injection for crash tests: runs after an import has written everything and before it commits, so
    /// a test can kill the process with the rows written but not committed (the CLI sets it from
    /// RELIEF_FAULT_PAUSE_BEFORE_COMMIT_MS). Null in normal use.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeImportCommit { get; init; }

    /// <summary>Creates and migrates the database if needed, then opens the store.</summary>
    public static async Task<FollowUpStore> OpenAsync(StoreConnection connection, KnowledgeBase knowledge, FollowUpKnowledge followUp, IClock clock, CancellationToken cancellationToken = default)
    {
        await StoreMigrator.MigrateAsync(connection, cancellationToken);
        return new FollowUpStore(connection, knowledge, followUp, clock);
    }

    internal StoreDbContext NewContext() => _connection.CreateContext();

    private DateTime Now => _clock.GetCurrentInstant().ToDateTimeUtc();

    private LocalDate Today => _clock.GetCurrentInstant().InUtc().Date;

    /// <summary>Imports one FHIR R4 bundle (idempotent; conflicts reported) and re-derives the patient's tasks.</summary>
    public async Task<StoreResult<ImportReport>> ImportBundleAsync(ReadOnlyMemory<byte> utf8, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        return await _importer.ImportAsync(db, utf8, actor, Now, cancellationToken, RefreshTasksAsync, BeforeImportCommit);
    }

    /// <summary>Patients ordered by id, a page at a time (cursor: the last id of the previous page).</summary>
    public async Task<Page<PatientSummary>> ListPatientsAsync(PageRequest page, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        var size = page.ClampedSize;
        var query = db.Patients.AsNoTracking();
        if (page.After is { } after)
        {
            query = query.Where(p => string.Compare(p.Id, after) > 0);
        }

        if (page.OnlyPatients is { } only)
        {
            var ids = only.ToList();
            query = query.Where(p => ids.Contains(p.Id));
        }

        var rows = await query.OrderBy(p => p.Id).Take(size + 1)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.BirthDate,
                p.Sex,
                p.Version,
                OpenTasks = db.Tasks.Count(t => t.PatientId == p.Id && t.State == "open"),
                LastDiary = db.DiaryEntries.Where(d => d.PatientId == p.Id && d.Status == EntryStatus.Current).Max(d => (DateTime?)d.At),
            })
            .ToListAsync(cancellationToken);
        await AuditReadAsync(db, actor, null, "PatientList", null, cancellationToken);
        var items = rows.Take(size).Select(r => new PatientSummary
        {
            Id = r.Id,
            Name = r.Name,
            BirthDate = r.BirthDate,
            Sex = r.Sex,
            Version = r.Version,
            OpenTasks = r.OpenTasks,
            LastDiaryEntry = r.LastDiary,
        }).ToImmutableArray();
        return new Page<PatientSummary>(items, rows.Count > size ? items[^1].Id : null);
    }

    /// <summary>Assesses a stored patient from their whole history, as of a date.</summary>
    public async Task<StoreResult<StoredAssessment>> AssessAsync(string patientId, LocalDate asOf, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = NewContext();
        // One connection open for the queries and the audit row (EF would otherwise open and close it per query).
        await db.Database.OpenConnectionAsync(cancellationToken);
        StoredHistory? history;
        try
        {
            history = await StoredHistory.LoadForAssessmentAsync(db, patientId, cancellationToken);
            if (history is null)
            {
                return StoreResult<StoredAssessment>.NotFound($"patient {patientId}");
            }

            await AuditReadAsync(db, actor, patientId, "Assessment", null, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return StoreResult<StoredAssessment>.Ok(Assess(history, asOf));
    }

    /// <summary>The pure part: history to record, record to assessment, plus pacing and the pain trend.</summary>
    internal StoredAssessment Assess(StoredHistory history, LocalDate asOf)
    {
        var record = StoredRecordBuilder.Build(history);
        var assessment = _assessor.Assess(record, asOf);
        var endOfDay = asOf.PlusDays(1).AtMidnight().InUtc().ToDateTimeUtc();
        var pacing = assessment.Conditions.Any(c => c.ConditionId == PacingAdvisor.MeCfsConditionId)
            ? PacingAdvisor.Advise(history.PemEpisodes, history.Diary, FollowUp.Pacing, Knowledge, endOfDay)
            : [];
        return new StoredAssessment(assessment, pacing, PainTrend.Weekly(history.Diary, asOf, weeks: 12)) { Record = record };
    }

    /// <summary>Re-derives a patient's monitoring tasks from the engine, inside the caller's transaction.</summary>
    internal async Task RefreshTasksAsync(StoreDbContext db, string patientId, DateTime now, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var history = await StoredHistory.LoadForAssessmentAsync(db, patientId, cancellationToken);
        if (history is null)
        {
            return;
        }

        var assessment = _assessor.Assess(StoredRecordBuilder.Build(history), Today);
        await _tasks.RefreshAsync(db, patientId, assessment, now, cancellationToken);
    }
}
