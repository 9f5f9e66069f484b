using System.Collections.Immutable;
using System.Globalization;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Assessment.Findings;

/// <summary>
/// Fills the one <see cref="Finding"/> shape from each family's engine record, once per assessment, and
/// orders the result most severe first (then high priority, family, rule, key) so every front end shows
/// the same order without sorting again.
/// </summary>
public sealed class FindingProjection(KnowledgeBase knowledge)
{
    /// <summary>
    /// Projects every family's findings and sorts them once, by <see cref="FindingOrder"/>. The family arrays
    /// (the detailed view in the JSON contract) come back in the same order, so no checker sorts on its own.
    /// </summary>
    public ProjectedFindings Project(
        SafetyReport safety,
        ImmutableArray<MonitoringFinding> monitoring,
        ImmutableArray<ResponseFinding> response,
        ImmutableArray<DataQualityNote> dataQuality,
        ImmutableArray<Finding> opioid = default)
    {
        var opioidCount = opioid.IsDefault ? 0 : opioid.Length;
        var count = safety.Cautions.Length + safety.Interactions.Length + safety.Doses.Length + monitoring.Length + response.Length + dataQuality.Length + opioidCount;

        // Most screened records have no finding at all: one shared empty result, nothing to sort.
        if (count == 0)
        {
            return Empty;
        }

        var items = new (Finding Finding, object Detail)[count];
        var n = 0;
        foreach (var c in safety.Cautions)
        {
            items[n++] = (From(c), c);
        }

        foreach (var i in safety.Interactions)
        {
            items[n++] = (From(i), i);
        }

        foreach (var d in safety.Doses)
        {
            items[n++] = (From(d), d);
        }

        foreach (var m in monitoring)
        {
            items[n++] = (From(m), m);
        }

        foreach (var r in response)
        {
            items[n++] = (From(r), r);
        }

        foreach (var q in dataQuality)
        {
            items[n++] = (From(q), q);
        }

        // Opioid findings come from the opioid review already in this shape (Relief.Core.Opioids).
        for (var i = 0; i < opioidCount; i++)
        {
            items[n++] = (opioid[i], opioid[i]);
        }

        // Array.Sort is not stable; FindingOrder ends on key and title, which tell any two findings apart.
        Array.Sort(items, ByFinding);

        // Each family's detail records in the same order, sized from the inputs (no pass per family over the list).
        var findings = ImmutableArray.CreateBuilder<Finding>(count);
        var cautions = ImmutableArray.CreateBuilder<CautionFinding>(safety.Cautions.Length);
        var interactions = ImmutableArray.CreateBuilder<InteractionFinding>(safety.Interactions.Length);
        var doses = ImmutableArray.CreateBuilder<DoseFinding>(safety.Doses.Length);
        var monitored = ImmutableArray.CreateBuilder<MonitoringFinding>(monitoring.Length);
        var responses = ImmutableArray.CreateBuilder<ResponseFinding>(response.Length);
        var notes = ImmutableArray.CreateBuilder<DataQualityNote>(dataQuality.Length);
        foreach (var (finding, detail) in items)
        {
            findings.Add(finding);
            switch (detail)
            {
                case CautionFinding c:
                    cautions.Add(c);
                    break;
                case InteractionFinding i:
                    interactions.Add(i);
                    break;
                case DoseFinding d:
                    doses.Add(d);
                    break;
                case MonitoringFinding m:
                    monitored.Add(m);
                    break;
                case ResponseFinding r:
                    responses.Add(r);
                    break;
                case DataQualityNote q:
                    notes.Add(q);
                    break;
            }
        }

        return new ProjectedFindings(
            findings.MoveToImmutable(),
            new SafetyReport(cautions.MoveToImmutable(), interactions.MoveToImmutable(), doses.MoveToImmutable()),
            monitored.MoveToImmutable(),
            responses.MoveToImmutable(),
            notes.MoveToImmutable());
    }

    private static readonly ProjectedFindings Empty = new([], SafetyReport.Empty, [], [], []);

    private static readonly Comparison<(Finding Finding, object Detail)> ByFinding =
        static (x, y) => FindingOrder.Instance.Compare(x.Finding, y.Finding);

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
        Sources = Clinical(c.Sources),
        Notes = c.BoxedWarning ? ["boxed warning on the label", .. c.Notes] : c.Notes,
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
        // The group's clinical name (which drugs count) is the knowledge's, in Why; the title only counts.
        Title = i.Kind switch
        {
            InteractionKind.Count => $"{i.IngredientIds.Length} drugs together: {Names(i.IngredientIds)}",
            InteractionKind.LiveVaccine => $"{Names(i.IngredientIds)} + live vaccine{Vaccine(i.Facts)}: {WireName.Of(i.Severity)} interaction",
            _ => $"{Names(i.IngredientIds, " + ")}: {WireName.Of(i.Severity)} interaction",
        },
        IngredientIds = i.IngredientIds,
        Facts = i.Facts,
        Codes = i.Codes,
        Why = i.Mechanism,
        Action = i.Management,
        Sources = Clinical(i.Sources),
        Notes = i.OncHighPriority ? ["ONC high-priority pair (Phansalkar 2012)", .. i.Notes] : i.Notes,
        HighPriority = i.OncHighPriority,
        Key = KeyOf(FindingFamily.Interaction, i.RuleId, i.Facts),
    };

    public Finding From(DoseFinding d) => new()
    {
        Family = FindingFamily.Dose,
        RuleId = d.RuleId,
        Severity = SeverityScale.Of(d.Severity),
        Kind = WireName.Of(d.Kind),
        Title = d.Kind == DoseRuleKind.Companion
            ? $"{Names(d.IngredientIds)} without {Names(d.Computed.Inputs.Select(i => i.Name), " or ")}"
            : d.Limit is { } limit
                ? $"{Names(d.IngredientIds)}: {Number(d.Computed.Value)} {d.Computed.Unit}, limit {limit}"
                : $"{Names(d.IngredientIds)}: {Number(d.Computed.Value)} {d.Computed.Unit}",
        IngredientIds = d.IngredientIds,
        Facts = d.Facts,
        Computed = [d.Computed, .. d.Context],
        Codes = d.Codes,
        Why = d.Rationale,
        Action = d.Action,
        Sources = Clinical(d.Sources),
        Notes = d.Notes,
        Key = KeyOf(FindingFamily.Dose, d.RuleId, d.Facts),
    };

    public Finding From(MonitoringFinding m)
    {
        // The message says the test, the result or due date and the threshold; notes say what qualifies it.
        var notes = ImmutableArray.CreateBuilder<string>();
        if (m.RepeatToConfirm)
        {
            notes.Add("a single result crossed the threshold: repeat to confirm before acting");
        }

        // A rule's own note on its convention (a grace period) says it better than the general one.
        if (m.LocalConvention && m.Note is null)
        {
            notes.Add("the time window is a local convention, not the source's");
        }
        else if (m.LocalConvention && m.Note is { } conventionNote && conventionNote.Contains("convention", StringComparison.Ordinal))
        {
            notes.Add(conventionNote);
        }

        return new Finding
        {
            Family = FindingFamily.Monitoring,
            RuleId = m.RuleId,
            Severity = SeverityScale.Of(m.Kind, m.Action),
            Kind = WireName.Of(m.Kind),
            Title = m.IngredientIds.IsEmpty ? $"{m.ProtocolName}: {m.Message}" : $"{Names(m.IngredientIds)}: {m.Message}",
            IngredientIds = m.IngredientIds,
            Facts = m.Medications.AddRange(m.Results),
            Computed = m.Computed is { } computed ? [computed] : [],
            Codes = m.Codes,
            Why = m.Note is { } note && !note.Contains("convention", StringComparison.Ordinal) ? note : "",
            Action = m.Action is { } action ? WireName.Of(action).Replace('-', ' ') : "",
            Sources = Clinical(m.Sources),
            Notes = notes.ToImmutable(),
            Proposals = m.Kind is MonitoringFindingKind.BaselineMissing or MonitoringFindingKind.Overdue or MonitoringFindingKind.Consider
                ? TestOrders(m.TestIds)
                : [],
            Key = KeyOf(FindingFamily.Monitoring, $"{m.RuleId}/{string.Join(",", m.TestIds)}", m.Medications),
        };
    }

    public Finding From(ResponseFinding r)
    {
        var change = r.ReductionPercent is { } percent
            ? percent < 0 ? $"{Number(-percent)}% higher" : $"{Number(percent)}% lower"
            : "not assessable (baseline 0)";
        var notes = ImmutableArray.CreateBuilder<string>();
        // With no adequate-trial length the engine's own note says so.
        if (r.AfterAdequateTrial is { } after)
        {
            notes.Add(after
                ? $"after the adequate trial ({r.AdequateTrialMinWeeks} weeks)"
                : $"before the adequate trial ({Number(decimal.Round(r.WeeksOnDrug, 1))} of {r.AdequateTrialMinWeeks} weeks)");
        }

        notes.AddRange(r.Notes);
        return new Finding
        {
            Family = FindingFamily.Response,
            RuleId = r.RuleId,
            Severity = SeverityScale.Of(r.Decision),
            Kind = r.Decision is { } decision ? WireName.Of(decision) : "no-decision",
            // Titled by the product, so a combination's ingredients (one finding each) read the same and fold into one row.
            Title = $"{r.Medication.Display}: {r.InstrumentName} {Score(r.Baseline)} → {Score(r.FollowUp)}, {change}",
            IngredientIds = [r.IngredientId],
            Facts = [r.Medication, r.Baseline, r.FollowUp],
            Codes = r.Codes,
            Why = r.BandLabel ?? r.BandId ?? "",
            Action = string.Join(" ", new[] { r.DecisionText }.Concat(r.Taper.Select(t => t.Text)).Where(t => !string.IsNullOrEmpty(t))),
            Sources = Clinical(r.Sources),
            Notes = notes.ToImmutable(),
            Key = KeyOf(FindingFamily.Response, r.RuleId, [r.Medication]) + $"|{r.IngredientId}",
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

    // A test is ordered by the first LOINC its knowledge entry lists (the one the protocol's source names first).
    private ImmutableArray<OrderProposal> TestOrders(ImmutableArray<string> testIds) =>
        [.. testIds
            .Select(id => knowledge.Safety.Tests.TryGetValue(id, out var test) ? test : null)
            .Where(test => test is not null && test.Codes.Any(c => c.System == CodeSystems.Loinc))
            .Select(test => new OrderProposal("ServiceRequest", test!.Codes.First(c => c.System == CodeSystems.Loinc), test.Name))];

    private string Names(IEnumerable<string> ingredientIds, string separator = ", ") =>
        string.Join(separator, ingredientIds.Select(Name));

    // Most findings name one or two drugs: no enumerator or closure for them.
    private string Names(ImmutableArray<string> ingredientIds, string separator = ", ")
    {
        if (ingredientIds.Length == 1)
        {
            return Name(ingredientIds[0]);
        }

        var names = new string[ingredientIds.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Name(ingredientIds[i]);
        }

        return string.Join(separator, names);
    }

    private string Name(string ingredientId) => knowledge.Drugs.TryGetValue(ingredientId, out var drug) ? drug.Name : ingredientId;

    // The vaccine of a live-vaccine finding is the fact that is not a medication order.
    private static string Vaccine(ImmutableArray<FactReference> facts) =>
        facts.FirstOrDefault(f => f.ResourceType == "Immunization" || (f.Role?.Contains("vaccine", StringComparison.OrdinalIgnoreCase) ?? false)) is { } vaccine
            ? $" ({vaccine.Display})"
            : "";

    private static string Score(FactReference score) => score.Value is { } v ? Number(decimal.Round(v, 1)) : "?";

    // Code systems (LOINC, CVX) define what a code means; they are not the reason for advice, so findings cite only the rest.
    private static ImmutableArray<SourceCitation> Clinical(ImmutableArray<SourceCitation> sources) =>
        sources.Any(IsTerminology) ? [.. sources.Where(s => !IsTerminology(s))] : sources;

    private static bool IsTerminology(SourceCitation source) => source.Kind == WireName.Of(SourceKind.Terminology);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // The references sorted and each kept once (as Distinct then Order would), without LINQ: every finding builds one.
    private static string KeyOf(FindingFamily family, string ruleId, ImmutableArray<FactReference> facts)
    {
        var references = new string[facts.Length];
        for (var i = 0; i < references.Length; i++)
        {
            references[i] = facts[i].Reference;
        }

        Array.Sort(references, StringComparer.Ordinal);
        var distinct = 0;
        for (var i = 0; i < references.Length; i++)
        {
            if (distinct == 0 || !string.Equals(references[i], references[distinct - 1], StringComparison.Ordinal))
            {
                references[distinct++] = references[i];
            }
        }

        return $"{WireName.Of(family)}|{ruleId}|{string.Join(',', references, 0, distinct)}";
    }
}
