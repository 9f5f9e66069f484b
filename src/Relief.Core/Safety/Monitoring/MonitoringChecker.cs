using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Safety.Monitoring;

/// <summary>
/// Monitoring (knowledge-format-safety.md §8): which protocols apply to the patient's current and proposed drugs, then per protocol
/// what is missing before a start, what is overdue, and which result crossed a threshold. A protocol that
/// applies replaces the schedules of the protocols it names (methotrexate with leflunomide keeps monthly
/// blood tests long term).
/// </summary>
internal static class MonitoringChecker
{
    public static ImmutableArray<MonitoringFinding> Check(SafetyContext context)
    {
        // The knowledge's own instances, compared by reference (the record's value equality hashes every field); a
        // patient's drugs name a few protocols, so a list scan, made only when one is named (most drugs have none).
        List<MonitoringProtocol>? candidates = null;
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (context.Rules.ProtocolsByIngredient.TryGetValue(ingredient.DrugId, out var protocols))
                {
                    foreach (var protocol in protocols)
                    {
                        if (!ContainsInstance(candidates, protocol))
                        {
                            (candidates ??= []).Add(protocol);
                        }
                    }
                }
            }
        }

        if (candidates is null)
        {
            return [];
        }

        // File order, so findings never depend on hash order.
        List<MonitoringProtocol>? applicable = null;
        HashSet<string>? replaced = null;
        foreach (var protocol in context.Rules.Protocols)
        {
            if (ContainsInstance(candidates, protocol) && Applies(context, protocol))
            {
                (applicable ??= []).Add(protocol);
                foreach (var id in protocol.Replaces)
                {
                    (replaced ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
                }
            }
        }

        if (applicable is null)
        {
            return [];
        }

        var findings = new List<MonitoringFinding>();
        var thresholds = new ThresholdCheck(context);
        foreach (var protocol in applicable)
        {
            // Each check only where the protocol has its part: each is an iterator, an object per call even when empty.
            var medications = MedicationsOf(context, protocol);
            if (!protocol.Baseline.IsEmpty)
            {
                findings.AddRange(BaselineCheck.Check(context, protocol, medications));
            }

            if (protocol.Schedule is { } schedule && replaced?.Contains(protocol.Id) != true)
            {
                findings.AddRange(ScheduleCheck.Check(context, protocol, schedule, medications));
            }

            if (!protocol.ProcedureScreens.IsEmpty)
            {
                findings.AddRange(ProcedureScreenCheck.Check(context, protocol, medications));
            }

            if (!protocol.StartLimits.IsEmpty)
            {
                findings.AddRange(StartLimitCheck.Check(context, protocol, medications));
            }

            thresholds.Check(protocol, medications);
        }

        findings.AddRange(thresholds.Findings);
        return [.. findings];
    }

    // The current and proposed medications with an ingredient the protocol names, in the context's order.
    private static List<ResolvedMedication> MedicationsOf(SafetyContext context, MonitoringProtocol protocol)
    {
        var medications = new List<ResolvedMedication>();
        foreach (var medication in context.Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (Names(protocol, ingredient.DrugId))
                {
                    medications.Add(medication);
                    break;
                }
            }
        }

        return medications;
    }

    private static bool Names(MonitoringProtocol protocol, string ingredientId)
    {
        if (protocol.AnyOf.Contains(ingredientId))
        {
            return true;
        }

        foreach (var set in protocol.AllOf)
        {
            if (set.Contains(ingredientId))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsInstance(List<MonitoringProtocol>? protocols, MonitoringProtocol protocol)
    {
        if (protocols is not null)
        {
            foreach (var kept in protocols)
            {
                if (ReferenceEquals(kept, protocol))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Applies(SafetyContext context, MonitoringProtocol protocol)
    {
        var drugs = TakesAny(context, protocol.AnyOf) || (!protocol.AllOf.IsEmpty && EverySetTaken(context, protocol));
        return drugs && (protocol.WhenAnyFactor.IsEmpty || AnyFactorHolds(context, protocol));
    }

    // Loops, not All/Any with closures: this runs for every protocol a patient's drug names.
    private static bool EverySetTaken(SafetyContext context, MonitoringProtocol protocol)
    {
        foreach (var set in protocol.AllOf)
        {
            if (!TakesAny(context, set))
            {
                return false;
            }
        }

        return true;
    }

    // A current or proposed ingredient in the set (the set overlaps the patient's ingredients), without a set of them.
    private static bool TakesAny(SafetyContext context, System.Collections.Frozen.FrozenSet<string> set) => context.HasActiveAny(set);

    private static bool AnyFactorHolds(SafetyContext context, MonitoringProtocol protocol)
    {
        foreach (var factorId in protocol.WhenAnyFactor)
        {
            if (context.Factor(factorId).Holds)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first of the medication's ingredients the protocol names.</summary>
    internal static string IngredientOf(MonitoringProtocol protocol, ResolvedMedication medication)
    {
        foreach (var ingredient in medication.Ingredients)
        {
            if (Names(protocol, ingredient.DrugId))
            {
                return ingredient.DrugId;
            }
        }

        throw new InvalidOperationException($"{medication.Reference} has no ingredient of protocol {protocol.Id}");
    }

    /// <summary>The distinct ingredients the protocol names among these medications, in id order.</summary>
    internal static System.Collections.Immutable.ImmutableArray<string> IngredientsOf(MonitoringProtocol protocol, IEnumerable<ResolvedMedication> medications) =>
        [.. medications.Select(m => IngredientOf(protocol, m)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    internal static string TestName(SafetyContext context, string testId) =>
        context.Rules.Tests.TryGetValue(testId, out var test) ? test.Name : testId;
}
