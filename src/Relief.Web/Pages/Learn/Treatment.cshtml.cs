using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Web.Pages.Learn;

/// <summary>
/// One treatment (a drug, a class or a non-drug therapy) in plain words: how it works, and every statement
/// about it or its classes for each condition, including the immunotherapies patients read about.
/// </summary>
public sealed class TreatmentModel(KnowledgeBase knowledge) : PageModel
{
    public TherapyDescription Treatment { get; private set; } = null!;

    public IReadOnlyList<EvidenceStatement> Statements { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (!knowledge.Drugs.ContainsKey(id) && !knowledge.Classes.ContainsKey(id) && !knowledge.Therapies.ContainsKey(id))
        {
            return NotFound();
        }

        Treatment = knowledge.Describe(id);
        // A drug hears what is said of its classes too, so its page shows those statements with their source.
        var ids = knowledge.TherapyIdsByDrug.TryGetValue(id, out var chain) ? chain : [id];
        Statements = [.. knowledge.Statements
            .Where(s => ids.Contains(s.TherapyId))
            .OrderBy(s => s.ConditionId, StringComparer.Ordinal)
            .ThenBy(s => s.Grade)];
        return Page();
    }

    public string ConditionName(string conditionId) =>
        knowledge.ConditionsById.TryGetValue(conditionId, out var condition) ? condition.Name : conditionId;

    public IEnumerable<SourceCitation> Sources(EvidenceStatement statement) =>
        knowledge.Sources.TryGetValue(statement.SourceId, out var source)
            ? [new SourceCitation(source.Id, source.Citation, source.Year) { Label = source.Label }]
            : [];
}
