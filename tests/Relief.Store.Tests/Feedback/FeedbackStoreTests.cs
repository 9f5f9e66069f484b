using Microsoft.EntityFrameworkCore;
using Relief.Store.Feedback;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Feedback;

/// <summary>
/// The CDS Hooks feedback tables on each database (issue 7 §5): migrated beside the follow-up store, an item stored once
/// (the unique index refuses a repeat), and `relief report overrides` (the real binary) counting override rates per card
/// type and reason from them. The service's side (feedback posted over HTTP) is in Relief.Service.Tests.
/// </summary>
public abstract class FeedbackStoreTests : IAsyncLifetime
{
    private const string CardType = "biologic-live-vaccine";
    private const string Reasons = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    protected abstract StoreTarget Target { get; }

    private StoreConnection? _connection;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Target.DisposeAsync();

    private async Task<FeedbackStore> OpenAsync()
    {
        _connection = await Target.CreateAsync();
        var store = new FeedbackStore(_connection);
        await store.MigrateAsync();
        return store;
    }

    private static FeedbackEntry Entry(string card, string outcome, int minute, string? reason = null, string? comment = null) => new()
    {
        ServiceId = "relief-order-sign",
        CardUuid = card,
        Outcome = outcome,
        ReasonSystem = reason is null ? null : Reasons,
        ReasonCode = reason,
        ReasonDisplay = reason is null ? null : "PC CDS does not apply to patient",
        UserComment = comment,
        OutcomeAt = At.AddMinutes(minute),
        ReceivedAt = At.AddMinutes(minute),
    };

    private static async Task SeedAsync(FeedbackStore store)
    {
        await using var context = store.CreateContext();
        context.IssuedCards.Add(new IssuedCard { Uuid = "card-1", ServiceId = "relief-order-sign", CardType = CardType, Indicator = "critical", FirstIssuedAt = At });
        context.Feedback.AddRange(
            Entry("card-1", "overridden", 1, "cds-not-applicable"),
            Entry("card-1", "overridden", 2, "cds-not-applicable", "titer shows immunity"),
            Entry("card-1", "accepted", 3));
        await context.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task Feedback_is_stored_once_and_counted_per_card_type_and_reason()
    {
        var store = await OpenAsync();
        await SeedAsync(store);

        await using (var repeat = store.CreateContext())
        {
            repeat.Feedback.Add(Entry("card-1", "accepted", 3));
            await Assert.ThrowsAsync<DbUpdateException>(() => repeat.SaveChangesAsync());
        }

        await using var read = store.CreateContext();
        var row = Assert.Single((await OverrideReport.BuildAsync(read)).CardTypes);
        Assert.Equal((CardType, 1, 2), (row.CardType, row.Accepted, row.Overridden));
        Assert.Equal(2.0 / 3, row.OverrideRate, 6);
        Assert.Equal(new ReasonCount("cds-not-applicable (PC CDS does not apply to patient)", 2), Assert.Single(row.Reasons));
    }

    [SkippableFact]
    public async Task Relief_report_overrides_prints_the_rates_from_this_database()
    {
        var store = await OpenAsync();
        await SeedAsync(store);

        var (exit, output, error) = Run("report", "overrides", "--store", StoreArgument);

        Assert.True(exit == 0, error);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith(CardType, StringComparison.Ordinal));
        // feedback, accepted, overridden, override rate (P0 in the invariant culture: "67 %").
        Assert.Equal(["3", "1", "2", "67", "%"], line[CardType.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2  cds-not-applicable (PC CDS does not apply to patient)", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_empty_feedback_store_says_so()
    {
        await OpenAsync();
        var (exit, output, error) = Run("report", "overrides", "--store", StoreArgument);
        Assert.True(exit == 0, error);
        Assert.Contains("No CDS Hooks feedback stored yet.", output, StringComparison.Ordinal);
    }

    /// <summary>What a user passes as --store: the SQLite file's path, or the PostgreSQL connection string.</summary>
    private string StoreArgument => _connection!.Provider == StoreProvider.Sqlite ? _connection.Display : _connection.ConnectionString;

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => ReliefProcess.Run(args);
}

public sealed class FeedbackStoreTestsOnSqlite : FeedbackStoreTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class FeedbackStoreTestsOnPostgres : FeedbackStoreTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
