using System.Collections.Immutable;
using System.Globalization;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Findings;

/// <summary>
/// Fills the one <see cref="Finding"/> shape from each family's engine record, once per assessment, and
/// orders the result most severe first (then high priority, family, rule, key) so every front end shows
/// the same order without sorting again.
/// </summary>
public sealed class FindingProjection(KnowledgeBase knowledge)
{
    public ImmutableArray<Finding> Project(
        SafetyReport safety,
        ImmutableArray<MonitoringFinding> monitoring,
        ImmutableArray<ResponseFinding> response,
        ImmutableArray<DataQualityNote> dataQuality)
    {
        var findings = new List<Finding>(safety.Cautions.Length + safety.Interactions.Length + safety.Doses.Length + monitoring.Length + response.Length + dataQuality.Length);
        findings.AddRange(safety.Cautions.Select(From));
        findings.AddRange(safety.Interactions.Select(From));
        findings.AddRange(safety.Doses.Select(From));
        findings.AddRange(monitoring.Select(From));
        findings.AddRange(response.Select(From));
        findings.AddRange(dataQuality.Select(From));
        return [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenByDescending(f => f.HighPriority)
            .ThenBy(f => f.Unchecked)
            .ThenBy(f => f.Family)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Key, StringComparer.Ordinal)];
    }

    public Finding From(CautionFinding c) => new()
    {
        Family = FindingFamily.Caution,
        RuleId = c.RuleId,
        Severity = c.FactorUnknown ? Severity.Info : SeverityScale.Of(c.Severity),
        Kind = WireName.Of(c.Severity),
        Title = c.FactorUnknown
            ? $"{Names(c.IngredientIds)}: could not check {c.FactorName}"
            : $"{Names(c.IngredientIds)}: {WireName.Of(c.Severity)} with {c.FactorName}",
        IngredientIds = c.IngredientIds,
        Facts = c.Facts,
        Computed = c.Computed,
        Codes = c.Codes,
        Why = c.Rationale,
        Action = c.Action,
        Sources = c.Sources,
        Notes = c.Notes,
        HighPriority = c.BoxedWarning,
        Unchecked = c.FactorUnknown,
        Key = KeyOf(FindingFamily.Caution, c.RuleId, c.Facts),
    };

    public Finding From(InteractionFinding i) => new()
    {
        Family = FindingFamily.Interaction,
        RuleId = i.RuleId,
        Severity = SeverityScale.Of(i.Severity),
        Kind = WireName.Of(i.Kind),
        Title = i.Kind == InteractionKind.Count
            ? $"{i.IngredientIds.Length} drugs together: {Names(i.IngredientIds)}"
            : $"{Names(i.IngredientIds, " + ")}: {WireName.Of(i.Severity)} interaction",
        IngredientIds = i.IngredientIds,
        Facts = i.Facts,
        Codes = i.Codes,
        Why = i.Mechanism,
        Action = i.Management,
        Sources = i.Sources,
        Notes = i.Notes,
        HighPriority = i.OncHighPriority,
        Key = KeyOf(FindingFamily.Interaction, i.RuleId, i.Facts),
    };

    public Finding From(DoseFinding d) => new()
    {
        Family = FindingFamily.Dose,
        RuleId = d.RuleId,
        Severity = SeverityScale.Of(d.Severity),
        Kind = WireName.Of(d.Kind),
        Title = d.Limit is { } limit
            ? $"{Names(d.IngredientIds)}: {Number(d.Computed.Value)} {d.Computed.Unit}, limit {limit}"
            : $"{Names(d.IngredientIds)}: {Number(d.Computed.Value)} {d.Computed.Unit}",
        IngredientIds = d.IngredientIds,
        Facts = d.Facts,
        Computed = [d.Computed, .. d.Context],
        Codes = d.Codes,
        Why = d.Rationale,
        Action = d.Action,
        Sources = d.Sources,
        Notes = d.Notes,
        Key = KeyOf(FindingFamily.Dose, d.RuleId, d.Facts),
    };

    public Finding From(MonitoringFinding m)
    {
        var facts = m.Medications.AddRange(m.Results);
        var notes = ImmutableArray.CreateBuilder<string>();
        if (m.Threshold is { } threshold)
        {
            notes.Add($"threshold: {threshold}");
        }

        if (m.DueDate is { } due)
        {
            notes.Add(m.LastResult is { } last ? $"due {due:yyyy-MM-dd}, last result {last:yyyy-MM-dd}" : $"due {due:yyyy-MM-dd}, never done");
        }

        if (m.RepeatToConfirm)
        {
            notes.Add("a single result crossed the threshold: repeat to confirm before acting");
        }

        if (m.LocalConvention)
        {
            notes.Add("the window rests on a local convention (knowledge/conventions.yaml), not on the source");
        }

        if (m.Note is { } note)
        {
            notes.Add(note);
        }

        return new Finding
        {
            Family = FindingFamily.Monitoring,
            RuleId = m.RuleId,
            Severity = SeverityScale.Of(m.Kind, m.Action),
            Kind = WireName.Of(m.Kind),
            Title = $"{m.ProtocolName}: {m.Message}",
            // A protocol names drugs and classes, not the patient's ingredient, so the drug is in Facts (role medication).
            Facts = facts,
            Computed = m.Computed is { } computed ? [computed] : [],
            Codes = m.Codes,
            Why = m.Message,
            Action = m.Action is { } action ? WireName.Of(action) : "",
            Sources = m.Sources,
            Notes = notes.ToImmutable(),
            Key = KeyOf(FindingFamily.Monitoring, $"{m.RuleId}/{string.Join(",", m.TestIds)}", m.Medications),
        };
    }

    public Finding From(ResponseFinding r)
    {
        var change = r.ReductionPercent is { } percent
            ? percent < 0 ? $"{Number(-percent)}% higher" : $"{Number(percent)}% lower"
            : "not assessable";
        return new Finding
        {
            Family = FindingFamily.Response,
            RuleId = r.AdequateTrialId ?? $"response:{r.IngredientId}",
            Severity = SeverityScale.Of(r.Decision),
            Kind = r.Decision is { } decision ? WireName.Of(decision) : "no-decision",
            Title = $"{Names([r.IngredientId])}: {r.InstrumentName} {change}{(r.Decision is { } d ? $", {WireName.Of(d)}" : "")}",
            IngredientIds = [r.IngredientId],
            Facts = [r.Medication, r.Baseline, r.FollowUp],
            Codes = r.Codes,
            Why = r.BandLabel ?? r.BandId ?? "",
            Action = string.Join(" ", new[] { r.DecisionText }.Concat(r.Taper.Select(t => t.Text)).Where(t => !string.IsNullOrEmpty(t))),
            Sources = r.Sources,
            Notes = r.Notes,
            Key = KeyOf(FindingFamily.Response, $"response:{r.IngredientId}", [r.Medication]),
        };
    }

    public Finding From(DataQualityNote q) => new()
    {
        Family = FindingFamily.DataQuality,
        RuleId = q.RuleId ?? $"data-quality:{WireName.Of(q.Kind)}",
        Severity = SeverityScale.Of(q.Kind),
        Kind = WireName.Of(q.Kind),
        Title = q.Message,
        Why = q.Message,
        Facts = [],
        Unchecked = true,
        Key = $"{WireName.Of(FindingFamily.DataQuality)}|{q.RuleId ?? WireName.Of(q.Kind)}|{q.Resource}|{q.Message}",
    };

    private string Names(IEnumerable<string> ingredientIds, string separator = ", ") =>
        string.Join(separator, ingredientIds.Select(id => knowledge.Drugs.TryGetValue(id, out var drug) ? drug.Name : id));

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string KeyOf(FindingFamily family, string ruleId, IEnumerable<FactReference> facts) =>
        $"{WireName.Of(family)}|{ruleId}|{string.Join(",", facts.Select(f => f.Reference).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";
}
