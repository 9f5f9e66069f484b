using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Core.Assessment.Findings;
using Relief.Core.Knowledge;
using Relief.Store.Application;
using Relief.Web.SignIn;

namespace Relief.Web.Pages;

/// <summary>
/// Every patient's open monitoring tasks, the same triage as `relief tasks due`: filter by severity, kind,
/// rule (drug protocol) and test; sort by severity, due date or patient.
/// </summary>
public sealed class WorklistModel(FollowUpStore store, TimeProvider clock) : PageModel
{
    /// <summary>The worklist reads at most this many tasks; a larger population is screened with `relief screen`.</summary>
    public const int MaxTasks = 5000;

    public IReadOnlyList<TaskView> Tasks { get; private set; } = [];

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public IReadOnlyList<string> Rules { get; private set; } = [];

    public IReadOnlyList<string> Tests { get; private set; } = [];

    public bool Truncated { get; private set; }

    public string? Severity { get; private set; }

    public string? Kind { get; private set; }

    public string? Rule { get; private set; }

    public string? Test { get; private set; }

    public string Sort { get; private set; } = "severity";

    public async Task OnGetAsync(string? severity, string? kind, string? rule, string? test, string? sort, CancellationToken cancellationToken)
    {
        var panel = WebAccess.For(HttpContext).Patients;
        var all = new List<TaskView>();
        string? after = null;
        do
        {
            var page = await store.DueTasksAsync(WebClock.Today(clock), new PageRequest(PageRequest.MaxSize, after) { OnlyPatients = panel }, WebClock.Actor(User), cancellationToken);
            all.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null && all.Count < MaxTasks);

        Truncated = after is not null;
        Kinds = [.. all.Select(t => t.Kind).Distinct().Order(StringComparer.Ordinal)];
        Rules = [.. all.Select(t => t.RuleId).Distinct().Order(StringComparer.Ordinal)];
        Tests = [.. all.SelectMany(t => t.TestIds).Distinct().Order(StringComparer.Ordinal)];
        Severity = severity;
        Kind = kind;
        Rule = rule;
        Test = test;
        Sort = sort is "due" or "patient" ? sort : "severity";

        var minimum = WireName.TryParse<Severity>(severity, out var parsed) ? parsed : Core.Assessment.Findings.Severity.Info;
        IEnumerable<TaskView> tasks = all.Where(t => Rank(t.Severity) >= minimum
            && (string.IsNullOrEmpty(kind) || t.Kind == kind)
            && (string.IsNullOrEmpty(rule) || t.RuleId == rule)
            && (string.IsNullOrEmpty(test) || t.TestIds.Contains(test)));
        Tasks = [.. Sort switch
        {
            "due" => tasks.OrderBy(t => t.DueDate).ThenByDescending(t => Rank(t.Severity)),
            "patient" => tasks.OrderBy(t => t.PatientId, StringComparer.Ordinal).ThenBy(t => t.DueDate),
            _ => tasks.OrderByDescending(t => Rank(t.Severity)).ThenBy(t => t.DueDate).ThenBy(t => t.PatientId, StringComparer.Ordinal),
        }];
    }

    public static Severity Rank(string severity) => WireName.TryParse<Severity>(severity, out var s) ? s : Core.Assessment.Findings.Severity.Info;
}
