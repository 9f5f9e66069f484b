using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Records;

/// <summary>
/// The history an assessment reads, in as few round trips as the patient's data allows: one probe query returns
/// the patient and which of the optional tables (labs, scores, crashes, imported allergies/procedures/
/// immunizations) hold anything current for them, then only the non-empty ones are read. Every query is
/// compiled once (EF.CompileAsyncQuery: no LINQ translation or cache-key work per call), untracked, and the
/// diary, the one large read, is a hand-written read of the four values the assessment uses (<see cref="DiaryHistoryReader"/>). The caller keeps the connection open across
/// the queries (one open, not one per query).
/// </summary>
internal static class AssessmentHistoryQueries
{
    /// <summary>The history for an assessment (no adverse events or goals: the engine reads neither), or null when the patient is unknown.</summary>
    public static Task<StoredHistory?> LoadAsync(StoreDbContext db, string patientId, CancellationToken cancellationToken) => db switch
    {
        // A compiled query runs against one model only: one set per provider's context type.
        SqliteStoreContext sqlite => AssessmentHistoryQueries<SqliteStoreContext>.LoadAsync(sqlite, patientId, cancellationToken),
        PostgresStoreContext postgres => AssessmentHistoryQueries<PostgresStoreContext>.LoadAsync(postgres, patientId, cancellationToken),
        _ => throw new NotSupportedException($"no compiled queries for {db.GetType().Name}"),
    };
}

/// <summary>The compiled queries of <see cref="AssessmentHistoryQueries"/> for one context type (so one model).</summary>
internal static class AssessmentHistoryQueries<TContext>
    where TContext : StoreDbContext
{
    private const string Current = EntryStatus.Current;

    private static readonly StoreProvider Provider = typeof(TContext) == typeof(SqliteStoreContext) ? StoreProvider.Sqlite : StoreProvider.Postgres;

    private static readonly Func<TContext, string, CancellationToken, Task<HistoryProbe?>> ProbeQuery = EF.CompileAsyncQuery(
        (TContext db, string id, CancellationToken _) => db.Patients.AsNoTracking().Where(p => p.Id == id).Select(p => new HistoryProbe
        {
            Patient = p,
            Conditions = db.Conditions.Any(e => e.PatientId == id && e.Status == Current),
            Courses = db.Courses.Any(e => e.PatientId == id && e.Status == Current),
            Labs = db.LabResults.Any(e => e.PatientId == id && e.Status == Current),
            Measurements = db.Measurements.Any(e => e.PatientId == id && e.Status == Current),
            Diary = db.DiaryEntries.Any(e => e.PatientId == id && e.Status == Current),
            Crashes = db.PemEpisodes.Any(e => e.PatientId == id && e.Status == Current),
            Other = db.ImportedResources.Any(r => r.PatientId == id
                && (r.ResourceType == "AllergyIntolerance" || r.ResourceType == "Procedure" || r.ResourceType == "Immunization")),
        })
            .FirstOrDefault());

    private static readonly Func<TContext, string, IAsyncEnumerable<ConditionEntry>> ConditionsQuery = EF.CompileAsyncQuery(
        (TContext db, string id) => db.Conditions.AsNoTracking().Where(e => e.PatientId == id && e.Status == Current));

    private static readonly Func<TContext, string, IAsyncEnumerable<TreatmentCourse>> CoursesQuery = EF.CompileAsyncQuery(
        (TContext db, string id) => db.Courses.AsNoTracking().Include(c => c.DoseChanges).Where(e => e.PatientId == id && e.Status == Current));

    private static readonly Func<TContext, string, IAsyncEnumerable<LabResult>> LabsQuery = EF.CompileAsyncQuery(
        (TContext db, string id) => db.LabResults.AsNoTracking().Where(e => e.PatientId == id && e.Status == Current));

    private static readonly Func<TContext, string, IAsyncEnumerable<OutcomeMeasurement>> MeasurementsQuery = EF.CompileAsyncQuery(
        (TContext db, string id) => db.Measurements.AsNoTracking().Where(e => e.PatientId == id && e.Status == Current));

    private static readonly Func<TContext, string, IAsyncEnumerable<PemEpisode>> CrashesQuery = EF.CompileAsyncQuery(
        (TContext db, string id) => db.PemEpisodes.AsNoTracking().Where(e => e.PatientId == id && e.Status == Current).OrderBy(e => e.StartedAt).AsQueryable());

    private static readonly Func<TContext, string, IAsyncEnumerable<ImportedResource>> OtherQuery = EF.CompileAsyncQuery(
        (TContext db, string id) => db.ImportedResources.AsNoTracking().Where(r => r.PatientId == id
            && (r.ResourceType == "AllergyIntolerance" || r.ResourceType == "Procedure" || r.ResourceType == "Immunization" || r.ResourceType == "Patient")));

    /// <summary>The history for an assessment (no adverse events or goals: the engine reads neither), or null when the patient is unknown.</summary>
    public static async Task<StoredHistory?> LoadAsync(TContext db, string patientId, CancellationToken cancellationToken)
    {
        var probe = await ProbeQuery(db, patientId, cancellationToken);
        if (probe is null)
        {
            return null;
        }

        return new StoredHistory
        {
            Patient = probe.Patient,
            Conditions = probe.Conditions ? await ListAsync(ConditionsQuery(db, patientId), cancellationToken) : [],
            Courses = probe.Courses ? await ListAsync(CoursesQuery(db, patientId), cancellationToken) : [],
            Labs = probe.Labs ? await ListAsync(LabsQuery(db, patientId), cancellationToken) : [],
            Measurements = probe.Measurements ? await ListAsync(MeasurementsQuery(db, patientId), cancellationToken) : [],
            Diary = probe.Diary ? await DiaryHistoryReader.ReadAsync(db, Provider, patientId, cancellationToken) : [],
            PemEpisodes = probe.Crashes ? await ListAsync(CrashesQuery(db, patientId), cancellationToken) : [],
            AdverseEvents = [],
            OtherResources = probe.Other ? await ListAsync(OtherQuery(db, patientId), cancellationToken) : [],
        };
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
