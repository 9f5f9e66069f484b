using Microsoft.EntityFrameworkCore;
using Relief.Store.Model;

namespace Relief.Store.Persistence;

/// <summary>
/// The store's one model, shared by both databases. Each provider has its own subclass only because EF Core
/// migrations are provider-specific (column types, identity strategy); the tables, keys and indexes are the same.
/// </summary>
public abstract class StoreDbContext : DbContext
{
    protected StoreDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<StoredPatient> Patients => Set<StoredPatient>();

    public DbSet<ConditionEntry> Conditions => Set<ConditionEntry>();

    public DbSet<TreatmentCourse> Courses => Set<TreatmentCourse>();

    public DbSet<DoseChange> DoseChanges => Set<DoseChange>();

    public DbSet<AdherenceRecord> Adherence => Set<AdherenceRecord>();

    public DbSet<OutcomeMeasurement> Measurements => Set<OutcomeMeasurement>();

    public DbSet<DiaryEntry> DiaryEntries => Set<DiaryEntry>();

    public DbSet<PemEpisode> PemEpisodes => Set<PemEpisode>();

    public DbSet<AdverseEventEntry> AdverseEvents => Set<AdverseEventEntry>();

    public DbSet<LabResult> LabResults => Set<LabResult>();

    public DbSet<PatientGoal> Goals => Set<PatientGoal>();

    public DbSet<MonitoringTask> Tasks => Set<MonitoringTask>();

    public DbSet<ImportedResource> ImportedResources => Set<ImportedResource>();

    public DbSet<Amendment> Amendments => Set<Amendment>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredPatient>(e =>
        {
            e.ToTable("patients");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(64);
            e.Property(p => p.Version).IsConcurrencyToken();
        });

        Entry<ConditionEntry>(modelBuilder, "conditions");
        Entry<TreatmentCourse>(modelBuilder, "courses", e =>
        {
            e.Property(c => c.DrugName).HasMaxLength(500);
            e.HasMany(c => c.DoseChanges).WithOne().HasForeignKey(d => d.CourseId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DoseChange>(e =>
        {
            e.ToTable("dose_changes");
            e.HasIndex(d => d.CourseId);
        });
        Entry<AdherenceRecord>(modelBuilder, "adherence", e =>
        {
            e.Property(a => a.Adherence).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(a => new { a.CourseId, a.Date });
        });
        Entry<OutcomeMeasurement>(modelBuilder, "measurements", e =>
        {
            e.HasIndex(m => new { m.PatientId, m.InstrumentId, m.EffectiveAt });
            // The diary page reads the scores of the entries it lists by entry id (DiaryScoresAsync).
            e.HasIndex(m => m.DiaryEntryId);
            e.Property(m => m.Value).HasPrecision(9, 3);
        });
        Entry<DiaryEntry>(modelBuilder, "diary_entries", e =>
        {
            e.HasIndex(d => new { d.PatientId, d.At });
            e.Property(d => d.SleepHours).HasPrecision(4, 1);
        });
        Entry<PemEpisode>(modelBuilder, "pem_episodes", e => e.HasIndex(p => new { p.PatientId, p.StartedAt }));
        Entry<AdverseEventEntry>(modelBuilder, "adverse_events");
        Entry<LabResult>(modelBuilder, "lab_results", e =>
        {
            e.Property(l => l.Value).HasPrecision(18, 6);
            e.Property(l => l.ReferenceLow).HasPrecision(18, 6);
            e.Property(l => l.ReferenceHigh).HasPrecision(18, 6);
        });
        Entry<PatientGoal>(modelBuilder, "goals", e =>
        {
            e.Property(g => g.Text).HasMaxLength(1000);
            e.Property(g => g.TargetValue).HasPrecision(9, 3);
            e.Property(g => g.Lifecycle).HasMaxLength(16);
        });

        modelBuilder.Entity<MonitoringTask>(e =>
        {
            e.ToTable("monitoring_tasks");
            e.HasIndex(t => new { t.PatientId, t.Key }).IsUnique();
            // `relief tasks due` reads open tasks by due date across all patients: one index answers it.
            e.HasIndex(t => new { t.State, t.DueDate });
            e.Property(t => t.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<ImportedResource>(e =>
        {
            e.ToTable("imported_resources");
            e.HasIndex(r => new { r.ResourceType, r.ResourceId }).IsUnique();
            e.HasIndex(r => r.PatientId);
            e.Property(r => r.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Amendment>(e =>
        {
            e.ToTable("amendments");
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => a.PatientId);
        });

        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasIndex(a => new { a.PatientId, a.At });
        });
    }

    private static void Entry<T>(ModelBuilder modelBuilder, string table, Action<Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T>>? configure = null)
        where T : StoredEntry
    {
        modelBuilder.Entity<T>(e =>
        {
            e.ToTable(table);
            e.HasKey(x => x.Id);
            e.Property(x => x.PatientId).HasMaxLength(64);
            e.HasOne<StoredPatient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.PatientId);
            e.HasIndex(x => x.SourceResource);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.Status).HasMaxLength(32);
            configure?.Invoke(e);
        });
    }
}
