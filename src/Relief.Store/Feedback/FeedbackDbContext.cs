using Microsoft.EntityFrameworkCore;

namespace Relief.Store.Feedback;

/// <summary>
/// CDS Hooks feedback and the cards it refers to. Its own context, tables and migrations history table
/// (<c>__feedback_migrations</c>) in the same database as the follow-up store, so the two evolve apart.
/// </summary>
public abstract class FeedbackDbContext : DbContext
{
    public const string HistoryTable = "__feedback_migrations";

    protected FeedbackDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<FeedbackEntry> Feedback => Set<FeedbackEntry>();

    public DbSet<IssuedCard> IssuedCards => Set<IssuedCard>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FeedbackEntry>(e =>
        {
            e.ToTable("cds_feedback");
            e.HasKey(f => f.Id);
            e.Property(f => f.ServiceId).HasMaxLength(64);
            e.Property(f => f.CardUuid).HasMaxLength(64);
            e.Property(f => f.Outcome).HasMaxLength(16);
            e.Property(f => f.ReasonSystem).HasMaxLength(256);
            e.Property(f => f.ReasonCode).HasMaxLength(128);
            e.Property(f => f.ReasonDisplay).HasMaxLength(512);
            e.Property(f => f.UserComment).HasMaxLength(4000);
            e.Property(f => f.AcceptedSuggestions).HasMaxLength(4000);
            // Feedback may be sent again (CDS Hooks allows repeats): the same item is stored once.
            e.HasIndex(f => new { f.ServiceId, f.CardUuid, f.Outcome, f.OutcomeAt }).IsUnique();
        });

        modelBuilder.Entity<IssuedCard>(e =>
        {
            e.ToTable("cds_issued_cards");
            e.HasKey(c => c.Uuid);
            e.Property(c => c.Uuid).HasMaxLength(64);
            e.Property(c => c.ServiceId).HasMaxLength(64);
            e.Property(c => c.CardType).HasMaxLength(256);
            e.Property(c => c.Indicator).HasMaxLength(16);
            e.HasIndex(c => c.CardType);
        });
    }
}

/// <summary>Feedback on SQLite (the default); migrations in Feedback/Migrations/Sqlite.</summary>
public sealed class SqliteFeedbackContext(DbContextOptions<SqliteFeedbackContext> options) : FeedbackDbContext(options);

/// <summary>Feedback on PostgreSQL; migrations in Feedback/Migrations/Postgres.</summary>
public sealed class PostgresFeedbackContext(DbContextOptions<PostgresFeedbackContext> options) : FeedbackDbContext(options);
