using Microsoft.EntityFrameworkCore;
using NodaTime;
using Relief.Store.Application;
using Relief.Store.Direct;
using Relief.Store.Model;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Persistence;

/// <summary>
/// The hand-written `tasks due` read (ADO.NET, for a fast start) answers exactly as the EF Core one: the same tasks,
/// order, cursors and pages, with and without a panel filter, and it audits its read. It is used only on a store at
/// the schema it was written for.
/// </summary>
public abstract class DirectTaskReaderTests : StoreTestBase
{
    private static readonly LocalDate[] Dates = [new(2026, 6, 1), new(2026, 6, 15), new(2026, 7, 1), new(2027, 1, 1)];

    [SkippableFact]
    public async Task Every_page_of_the_direct_read_equals_the_EF_Core_read()
    {
        var store = await SeedAsync();
        await using var direct = (await DirectTaskReader.OpenIfCurrentAsync(Connection!, Clock))!;

        var compared = 0;
        foreach (var asOf in Dates)
        {
            foreach (var size in new[] { 1, 2, 3, 7, 1000 })
            {
                foreach (var only in new IReadOnlyCollection<string>?[] { null, ["p2", "p4"], ["nobody"] })
                {
                    string? after = null;
                    do
                    {
                        var request = new PageRequest(size, after) { OnlyPatients = only };
                        var expected = await store.DueTasksAsync(asOf, request, Actor);
                        var actual = await direct.DueTasksAsync(asOf, request, Actor);

                        Assert.Equal(Describe(expected), Describe(actual));
                        after = expected.Next;
                        compared += expected.Items.Length;
                    }
                    while (after is not null);
                }
            }
        }

        // The seed has open tasks due at every date, so the comparison is not of empty pages.
        Assert.True(compared > 100, $"only {compared} tasks compared");
    }

    [SkippableFact]
    public async Task The_direct_read_lists_only_open_tasks_due_by_the_date_most_overdue_first()
    {
        await SeedAsync();
        await using var direct = (await DirectTaskReader.OpenIfCurrentAsync(Connection!, Clock))!;

        var page = await direct.DueTasksAsync(new LocalDate(2026, 6, 15), new PageRequest(1000), Actor);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, t => Assert.Equal("open", t.State));
        Assert.All(page.Items, t => Assert.True(t.DueDate <= new DateOnly(2026, 6, 15)));
        Assert.Equal(page.Items.OrderBy(t => t.DueDate).ThenBy(t => t.Id).Select(t => t.Id), page.Items.Select(t => t.Id));
        Assert.Contains(page.Items, t => t.TestIds.Length == 2);
        Assert.Contains(page.Items, t => t.TestIds.IsEmpty);
        Assert.Null(page.Next);
    }

    [SkippableFact]
    public async Task A_cursor_that_does_not_parse_is_ignored_as_by_the_EF_read()
    {
        var store = await SeedAsync();
        await using var direct = (await DirectTaskReader.OpenIfCurrentAsync(Connection!, Clock))!;
        var request = new PageRequest(5, "not-a-cursor");

        Assert.Equal(Describe(await store.DueTasksAsync(new LocalDate(2026, 7, 1), request, Actor)), Describe(await direct.DueTasksAsync(new LocalDate(2026, 7, 1), request, Actor)));
    }

    [SkippableFact]
    public async Task The_direct_read_appends_its_audit_event()
    {
        await SeedAsync();
        await using var direct = (await DirectTaskReader.OpenIfCurrentAsync(Connection!, Clock))!;

        await direct.DueTasksAsync(new LocalDate(2026, 6, 15), new PageRequest(10), "cli:nurse");

        await using var db = Connection!.CreateContext();
        var audit = await db.AuditEvents.AsNoTracking().Where(a => a.Actor == "cli:nurse").ToListAsync();
        var row = Assert.Single(audit);
        Assert.Equal("read", row.Action);
        Assert.Equal(nameof(MonitoringTask), row.EntityType);
        Assert.Null(row.PatientId);
        Assert.Equal(Clock.Now.ToDateTimeUtc(), DateTime.SpecifyKind(row.At, DateTimeKind.Utc));
    }

    [SkippableFact]
    public async Task A_store_at_an_older_schema_is_left_to_EF_Core()
    {
        await OpenAsync();
        var connection = Connection!;
        var last = StoreSchema.Expected(connection.Provider);
        await using (var db = connection.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}");
        }

        Assert.Null(await DirectTaskReader.OpenIfCurrentAsync(connection, Clock));
    }

    [SkippableFact]
    public async Task The_schema_the_direct_reads_expect_is_the_last_migration()
    {
        await OpenAsync();
        var connection = Connection!;
        await using var db = connection.CreateContext();

        // Fails when a migration is added and StoreSchema is not updated (and its reads reviewed) with it.
        Assert.Equal(db.Database.GetMigrations().Last(), StoreSchema.Expected(connection.Provider));
    }

    /// <summary>Tasks of six patients: open and closed, due on the edges of the dates above and between them, with ties.</summary>
    private async Task<FollowUpStore> SeedAsync()
    {
        var store = await OpenAsync();
        await using var db = Connection!.CreateContext();
        var start = new DateOnly(2026, 5, 20);
        for (var i = 0; i < 240; i++)
        {
            db.Tasks.Add(new MonitoringTask
            {
                PatientId = $"p{i % 6}",
                Key = $"rule-{i}",
                RuleId = $"rule-{i % 5}",
                ProtocolId = "protocol",
                Kind = (i % 3) switch { 0 => "overdue", 1 => "baseline-missing", _ => "threshold-breached" },
                TestIds = (i % 4) switch { 0 => [], 1 => ["alt"], _ => ["alt", "creatinine"] },
                DueDate = start.AddDays(i % 60),
                State = i % 7 == 0 ? "closed" : "open",
                Severity = i % 2 == 0 ? "moderate" : "major",
                Message = $"task {i} \"quoted\" ü",
                DerivedAt = Clock.Now.ToDateTimeUtc(),
                Version = 1 + (i % 3),
            });
        }

        await db.SaveChangesAsync();
        return store;
    }

    private static List<string> Describe(Page<TaskView> page) =>
    [
        .. page.Items.Select(t => $"{t.Id}|{t.PatientId}|{t.Kind}|{t.RuleId}|{string.Join(",", t.TestIds)}|{t.DueDate:yyyy-MM-dd}|{t.Severity}|{t.Message}|{t.State}|{t.Version}"),
        $"next={page.Next}",
    ];
}

public sealed class DirectTaskReaderTestsOnSqlite : DirectTaskReaderTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();

    [Fact]
    public async Task A_store_file_that_does_not_exist_is_not_created_by_the_direct_read()
    {
        var connection = await Target.CreateAsync();
        var path = connection.Display;

        Assert.Null(await DirectTaskReader.OpenIfCurrentAsync(connection, Clock));
        Assert.False(File.Exists(path));
    }
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class DirectTaskReaderTestsOnPostgres : DirectTaskReaderTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
