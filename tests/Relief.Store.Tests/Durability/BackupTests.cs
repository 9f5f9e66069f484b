using Microsoft.EntityFrameworkCore;
using Relief.Store.Backup;
using Relief.Store.Diary;
using Relief.Store.Persistence;
using Relief.Store.Tests.Support;

namespace Relief.Store.Tests.Durability;

/// <summary>Backup of a live store and restore into it: what was written after the backup is gone, what was before is back.</summary>
public abstract class BackupTests : StoreTestBase
{
    [SkippableFact]
    public async Task A_restored_backup_brings_back_the_store_as_it_was_when_backed_up()
    {
        var store = await OpenAsync();
        await store.ImportBundleAsync(new Bundles("p1").Lab("alt", "1742-6", 30, "U/L", "2026-05-01").Bytes(), Actor);
        await store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = 4 }, Actor);
        var atBackup = await CountsAsync();
        var file = Path.Combine(Path.GetTempPath(), $"relief-backup-{Guid.NewGuid():N}.bak");
        try
        {
            await StoreBackup.BackupAsync(Connection!, file);
            await store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = 9 }, Actor);
            await store.ImportBundleAsync(new Bundles("p2").Bytes(), Actor);

            await StoreBackup.RestoreAsync(Connection!, file);

            Assert.Equal(atBackup, await CountsAsync());
            await using var db = Connection!.CreateContext();
            Assert.Equal(4, (await db.DiaryEntries.SingleAsync()).Pain);
            Assert.True((await store.AddDiaryEntryAsync("p1", new DiaryInput { Pain = 2 }, Actor)).Succeeded, "the restored store takes writes");
        }
        finally
        {
            // SQLite's write-ahead log and shared-memory files of the backup go with it.
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}

public sealed class BackupTestsOnSqlite : BackupTests
{
    protected override StoreTarget Target { get; } = new SqliteTarget();
}

[Trait(Requires.Name, Requires.PostgreSql)]
public sealed class BackupTestsOnPostgres : BackupTests
{
    protected override StoreTarget Target { get; } = new PostgresTarget();
}
