using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Web.Pages.Learn;

/// <summary>One condition's treatments as the knowledge base grades them, strongest first, each with how it works and its sources.</summary>
public sealed class ConditionModel(KnowledgeBase knowledge) : PageModel
{
    public ConditionDefinition Condition { get; private set; } = null!;

    public IReadOnlyList<IGrouping<TherapyDescription, ApplicableStatement>> Treatments { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (!knowledge.ConditionsById.TryGetValue(id, out var condition))
        {
            return NotFound();
        }

        Condition = condition;
        var statements = knowledge.EffectiveStatements.TryGetValue(id, out var found) ? found : [];
        Treatments = [.. statements
            .GroupBy(s => knowledge.Describe(s.Statement.TherapyId))
            .OrderBy(g => g.Min(s => s.Statement.Grade))
            .ThenBy(g => g.Key.Name, StringComparer.Ordinal)];
        return Page();
    }

    public IEnumerable<SourceCitation> Sources(EvidenceStatement statement) =>
        knowledge.Sources.TryGetValue(statement.SourceId, out var source)
            ? [new SourceCitation(source.Id, source.Citation, source.Year) { Label = source.Label }]
            : [];
}
