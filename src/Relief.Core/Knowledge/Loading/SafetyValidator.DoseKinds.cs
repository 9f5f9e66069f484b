using System.Collections.Frozen;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

// doses.yaml kinds max-weekly and companion (knowledge-format-safety.md §7.3); max-daily-per-kg reuses max-daily.
internal sealed partial class SafetyValidator
{
    private (Quantity? MaxWeekly, FrozenSet<string> Companions) WeeklyAndCompanion(string f, string id, DoseRuleKind kind, DoseEntry entry, UnitConverter units)
    {
        CheckBelongs(f, id, entry.MaxWeekly is not null, kind == DoseRuleKind.MaxWeekly, "max-weekly", "max-weekly");
        CheckBelongs(f, id, entry.Companions is not null, kind == DoseRuleKind.Companion, "companions", "companion");
        Quantity? weekly = entry.MaxWeekly is null ? null : DoseQuantity(f, id, entry.MaxWeekly, units, "max-weekly");
        if (kind == DoseRuleKind.MaxWeekly && weekly is null)
        {
            Error(f, id, KnowledgeMessages.KindNeedsAmount("max-weekly", "max-weekly"));
        }

        var companions = FrozenSet<string>.Empty;
        if (kind == DoseRuleKind.Companion)
        {
            companions = Refs(f, id, entry.Companions, "companions");
        }

        return (weekly, companions);
    }
}
