using System.Globalization;
using System.Text;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Knowledge.Model;
using Relief.Fhir.CdsHooks;

namespace Relief.Service.CdsHooks.Cards;

/// <summary>
/// "Replace the draft with a safer alternative": one suggestion with two actions, delete the unsafe draft (by
/// <c>resourceId</c>) and create a draft MedicationRequest for the alternative (Firely, <see cref="MedicationRequests"/>).
/// The alternative and its evidence come from <see cref="SaferAlternatives"/>; the card's detail says why it was chosen.
/// </summary>
public static class Replacements
{
    public static Suggestion Suggestion(DraftAlternative alternative, string cardUuid, CardContext context)
    {
        var draft = alternative.Draft;
        var name = alternative.Option.Name;
        var request = context.Request;
        var reason = $"Alternative to {draft.Display} for {alternative.ConditionName} (decision support)";
        var resource = MedicationRequests.Build(new OrderProposal("MedicationRequest", alternative.RxNorm, name), context.PatientId,
            request.Context.UserId, request.Context.EncounterId, reason);
        return new Suggestion(
            $"Replace {draft.Display} with {name} (decision support: choose the dose)",
            CardIdentity.V5($"{cardUuid}\nreplace\n{draft.Reference}\n{alternative.RxNorm.Value}"),
            [
                new CdsAction("delete", $"Delete the draft {draft.ResourceType} for {draft.Display}", ResourceId: draft.Reference),
                new CdsAction("create", $"Add a draft order for {name} (RxNorm {alternative.RxNorm.Value}), dose to be chosen by the prescriber", resource),
            ]);
    }

    /// <summary>The detail paragraph: what the alternative is, the evidence for it, and what was and was not checked.</summary>
    public static void Describe(StringBuilder text, DraftAlternative alternative)
    {
        var option = alternative.Option;
        text.Append("**Safer alternative (decision support):** ").Append(CardMarkdown.Escape(option.Name))
            .Append(" for ").Append(CardMarkdown.Escape(alternative.ConditionName)).Append(", ")
            .Append(CardMarkdown.Escape(option.Grade.ToWireName()))
            .Append(option.Line is { } line ? $", line {line.ToString(CultureInfo.InvariantCulture)}" : "")
            .Append(" (").Append(CardMarkdown.Escape(string.Join("; ", option.Evidence.Where(e => e.Grade.IsFor()).Select(e => $"{e.SourceLabel}, {e.Year}").Distinct(StringComparer.Ordinal))))
            .Append(')')
            .Append(option.Evidence.FirstOrDefault(e => e.Grade.IsFor() && e.Qualifier is not null)?.Qualifier is { } qualifier ? $"; the evidence is for {CardMarkdown.Escape(qualifier)}" : "")
            .AppendLine(".")
            .Append("Relief assessed it in place of ").Append(CardMarkdown.Escape(alternative.Draft.Display))
            .AppendLine(" with this patient's record and found no contraindication, major interaction or major caution; its dose was not checked (none is proposed).")
            .AppendLine();
    }
}
