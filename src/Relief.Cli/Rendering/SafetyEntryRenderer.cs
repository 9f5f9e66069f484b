using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Safety;

namespace Relief.Cli.Rendering;

/// <summary>Prints safety knowledge entries (cautions, interactions, dose rules, monitoring protocols, factors) by id or by drug.</summary>
public sealed class SafetyEntryRenderer(KnowledgeBase knowledge, TextWriter output)
{
    private SafetyKnowledge Rules => knowledge.Safety;

    /// <summary>The entry with this id, if any; true when something was printed.</summary>
    public bool ShowById(string id)
    {
        var found = false;
        foreach (var caution in Rules.Cautions.Where(c => c.Id == id))
        {
            found = true;
            WriteCaution(caution);
        }

        foreach (var interaction in Rules.Interactions.Where(i => i.Id == id))
        {
            found = true;
            WriteInteraction(interaction);
        }

        foreach (var rule in Rules.DoseRules.Where(r => r.Id == id))
        {
            found = true;
            output.WriteLine($"dose rule {rule.Id}: {Words.Of(rule.Kind)} for {rule.Drug}, {Words.Of(rule.Severity)}");
            WriteIf("  maximum per day: ", rule.MaxDaily?.ToString());
            WriteIf("  when: ", rule.FactorId);
            foreach (var band in rule.Bands)
            {
                output.WriteLine($"  creatinine clearance {band.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"} to below {band.Below?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"} mL/min: at most {band.MaxDaily} per day");
            }

            output.WriteLine($"  why: {rule.Rationale}");
            output.WriteLine($"  do: {rule.Action}");
            WriteSources(rule.SourceIds);
        }

        foreach (var protocol in Rules.Protocols.Where(p => p.Id == id))
        {
            found = true;
            output.WriteLine($"monitoring protocol {protocol.Id}: {protocol.Name}");
            output.WriteLine($"  drugs: {string.Join(", ", protocol.Drugs.Concat(protocol.DrugsAll))}");
            WriteIf("  only when: ", protocol.WhenAnyFactor.IsEmpty ? null : string.Join(" or ", protocol.WhenAnyFactor));
            foreach (var item in protocol.Baseline)
            {
                output.WriteLine($"  baseline {item.Index}: {string.Join(item.AnyOf ? " or " : ", ", item.TestIds)}{(item.WithinDays is { } d ? $" within {d} days before the start" : "")}");
            }

            if (protocol.Schedule is { } schedule)
            {
                output.WriteLine($"  schedule: {string.Join(", ", schedule.TestIds)}; {string.Join("; ", schedule.Phases.Select(p => $"weeks {p.FromWeek}-{p.ToWeek?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…"}: every {p.EveryWeeks} weeks"))}");
            }

            foreach (var threshold in protocol.Thresholds)
            {
                output.WriteLine($"  threshold {threshold.Key}: {threshold.TestId} {Words.Of(threshold.Comparator)} {threshold.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {threshold.Unit}");
            }

            foreach (var limit in protocol.StartLimits)
            {
                var only = limit.Drugs.Count == 0 ? "" : $" ({string.Join(", ", limit.Drugs.Order(StringComparer.Ordinal))})";
                output.WriteLine($"  do not start{only}: {limit.TestId} {limit.Comparator.Symbol()} {limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {limit.Unit} (latest result within {limit.WithinDays} days)");
            }

            foreach (var screen in protocol.ProcedureScreens)
            {
                output.WriteLine($"  procedure {screen.Id}: {screen.Name}; {string.Join("; ", screen.Phases.Select(Phase))}");
            }
        }

        if (Rules.Factors.TryGetValue(id, out var factor))
        {
            found = true;
            output.WriteLine($"patient factor {factor.Id}: {factor.Name}");
            WriteIf("  age from ", factor.AgeMin?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteIf("  age up to ", factor.AgeMax?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var code in factor.Conditions)
            {
                output.WriteLine($"  condition {code}");
            }

            WriteIf("  ICD-10-CM codes starting ", factor.Icd10CmPrefixes.IsEmpty ? null : string.Join(", ", factor.Icd10CmPrefixes));
            foreach (var code in factor.Procedures)
            {
                output.WriteLine(factor.ProcedureWithinDays is { } days ? $"  procedure {code} in the last {days} days" : $"  procedure {code}");
            }

            foreach (var caution in Rules.Cautions.Where(c => c.FactorId == id))
            {
                output.WriteLine($"  used by caution {caution.Id} ({Words.Of(caution.Severity)}: {string.Join(", ", caution.Drugs)})");
            }
        }

        return found;
    }

    /// <summary>Every caution, interaction and dose rule that names this ingredient (directly, by class or by group).</summary>
    public void ShowForIngredient(string ingredientId)
    {
        foreach (var caution in Rules.Cautions.Where(c => c.Ingredients.Contains(ingredientId)))
        {
            output.WriteLine($"    caution {caution.Id}: {Words.Of(caution.Severity)} with {caution.FactorId}");
        }

        foreach (var interaction in Rules.Interactions.Where(i => i.A.Contains(ingredientId) || i.B.Contains(ingredientId)))
        {
            output.WriteLine($"    interaction {interaction.Id}: {Words.Of(interaction.Severity)}{(interaction.OncHighPriority ? " (ONC high-priority)" : "")}");
        }

        foreach (var rule in Rules.DoseRules.Where(r => r.Ingredients.Contains(ingredientId)))
        {
            output.WriteLine($"    dose rule {rule.Id}: {Words.Of(rule.Kind)}, {Words.Of(rule.Severity)}");
        }
    }

    private void WriteCaution(Caution caution)
    {
        output.WriteLine($"caution {caution.Id}: {string.Join(", ", caution.Drugs)} with {caution.FactorId} → {Words.Of(caution.Severity)}{(caution.BoxedWarning ? " (boxed warning)" : "")}");
        WriteIf("  from age ", caution.AgeMin?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var appliesTo = caution.StoppedWithinDays is { } days ? $"medications stopped in the last {days} days" : $"{Words.Of(caution.AppliesTo)} medications";
        output.WriteLine($"  applies to: {appliesTo}; ingredients: {string.Join(", ", caution.Ingredients.Order(StringComparer.Ordinal))}");
        output.WriteLine($"  why: {caution.Rationale}");
        output.WriteLine($"  do: {caution.Action}");
        WriteSources(caution.SourceIds);
    }

    private void WriteInteraction(Interaction interaction)
    {
        var sides = interaction.Kind switch
        {
            Relief.Core.Knowledge.Safety.InteractionKind.Count => $"{interaction.MinCount}+ of group {interaction.GroupId}{(interaction.AgeMin is { } age ? $" from age {age}" : "")}",
            Relief.Core.Knowledge.Safety.InteractionKind.LiveVaccine => $"{string.Join(", ", interaction.ARefs)} + a live vaccine",
            Relief.Core.Knowledge.Safety.InteractionKind.Combination => $"{string.Join(", ", interaction.ARefs)} + {string.Join(", ", interaction.BRefs)} + {string.Join(", ", interaction.CRefs)}",
            _ => $"{string.Join(", ", interaction.ARefs)} + {string.Join(", ", interaction.BRefs)}",
        };
        output.WriteLine($"interaction {interaction.Id}: {sides} → {Words.Of(interaction.Severity)}{(interaction.OncHighPriority ? " (ONC high-priority)" : "")}");
        output.WriteLine($"  mechanism: {interaction.Mechanism}");
        output.WriteLine($"  management: {interaction.Management}");
        WriteSources(interaction.SourceIds);
    }

    private void WriteSources(IEnumerable<string> ids) =>
        output.WriteLine($"  sources: {string.Join("; ", ids.Select(id => knowledge.Sources.TryGetValue(id, out var s) ? $"{s.Label} ({s.Citation})" : id))}");

    private void WriteIf(string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            output.WriteLine(label + value);
        }
    }

    private static string Phase(ScreenPhase phase)
    {
        var weeks = $"weeks {phase.FromWeek}-{phase.ToWeek?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…"}";
        return phase.Kind switch
        {
            ScreenPhaseKind.Once => $"{weeks}: once",
            ScreenPhaseKind.Every => $"{weeks}: every {phase.EveryWeeks} weeks",
            _ => $"{weeks}: nothing due",
        };
    }
}
