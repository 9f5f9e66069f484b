using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;
using Relief.Store.Persistence;

namespace Relief.Store.Records;

/// <summary>Everything current the store holds for one patient, loaded in one go (no tracking).</summary>
internal sealed record StoredHistory
{
    public required StoredPatient Patient { get; init; }

    public required List<ConditionEntry> Conditions { get; init; }

    public required List<TreatmentCourse> Courses { get; init; }

    public required List<LabResult> Labs { get; init; }

    public required List<OutcomeMeasurement> Measurements { get; init; }

    public required List<DiaryEntry> Diary { get; init; }

    public required List<PemEpisode> PemEpisodes { get; init; }

    public required List<AdverseEventEntry> AdverseEvents { get; init; }

    public required List<ImportedResource> OtherResources { get; init; }

    /// <summary>The patient's current goals (not loaded for an assessment, which does not read them).</summary>
    public List<PatientGoal> Goals { get; init; } = [];

    /// <summary>Resource types the engine reads that have no table of their own: read from the imported text.</summary>
    public static readonly string[] OtherResourceTypes = ["AllergyIntolerance", "Procedure", "Immunization"];

    /// <summary>
    /// Only what an assessment reads, in as few round trips as the patient's data allows
    /// (<see cref="AssessmentHistoryQueries"/>): the diary's time, pain, fatigue and exertion, no adverse events or goals.
    /// </summary>
    public static Task<StoredHistory?> LoadForAssessmentAsync(StoreDbContext db, string patientId, CancellationToken cancellationToken) =>
        AssessmentHistoryQueries.LoadAsync(db, patientId, cancellationToken);

    /// <summary>Loads the whole current history (the patient page, the export).</summary>
    public static async Task<StoredHistory?> LoadAsync(StoreDbContext db, string patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        const string current = EntryStatus.Current;
        var types = OtherResourceTypes;
        return new StoredHistory
        {
            Patient = patient,
            Conditions = await db.Conditions.AsNoTracking().Where(e => e.PatientId == patientId && e.Status == current).ToListAsync(cancellationToken),
            Courses = await db.Courses.AsNoTracking().Include(c => c.DoseChanges).Where(e => e.PatientId == patientId && e.Status == current).ToListAsync(cancellationToken),
            Labs = await db.LabResults.AsNoTracking().Where(e => e.PatientId == patientId && e.Status == current).ToListAsync(cancellationToken),
            Measurements = await db.Measurements.AsNoTracking().Where(e => e.PatientId == patientId && e.Status == current).ToListAsync(cancellationToken),
            Diary = await db.DiaryEntries.AsNoTracking().Where(e => e.PatientId == patientId && e.Status == current).OrderBy(e => e.At).ToListAsync(cancellationToken),
            PemEpisodes = await db.PemEpisodes.AsNoTracking().Where(e => e.PatientId == patientId && e.Status == current).OrderBy(e => e.StartedAt).ToListAsync(cancellationToken),
            AdverseEvents = await db.AdverseEvents.AsNoTracking().Where(e => e.PatientId == patientId && e.Status == current).ToListAsync(cancellationToken),
            OtherResources = await db.ImportedResources.AsNoTracking().Where(r => r.PatientId == patientId && (types.Contains(r.ResourceType) || r.ResourceType == "Patient")).ToListAsync(cancellationToken),
            Goals = await db.Goals.AsNoTracking().Where(g => g.PatientId == patientId && g.Status == current).ToListAsync(cancellationToken),
        };
    }
}
