using NodaTime;

namespace Relief.Store.Application;

/// <summary>
/// Open monitoring tasks due on or before a date across all patients, most overdue first (due date, then id), a page
/// at a time (cursor "yyyy-MM-dd:id"), the read audited. Two implementations answer alike (a differential test
/// proves it on both databases): FollowUpStore (EF Core) and DirectTaskReader (ADO.NET, for a fast start).
/// </summary>
public interface IDueTasks
{
    Task<Page<TaskView>> DueTasksAsync(LocalDate asOf, PageRequest page, string actor, CancellationToken cancellationToken = default);
}
