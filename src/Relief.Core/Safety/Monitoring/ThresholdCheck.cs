using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using Relief.Core.Safety.Courses;

namespace Relief.Core.Safety.Monitoring;

/// <summary>
/// Action thresholds (knowledge-format-safety.md §8.2) on the latest usable result since the drug started (within 365 days when the
/// start is unknown), converted to the threshold's unit. A threshold shared by two protocols (a BSR set) is
/// reported once for the result, naming every medication it concerns. "Confirmed" thresholds act only on two
/// exceeding results within 30 days (a local convention); one result asks for a repeat.
/// </summary>
internal sealed class ThresholdCheck(SafetyContext context)
{
    /// <summary>A local convention: the confirming result is at most 30 days older than the latest.</summary>


    // Made on the first threshold crossed: most protocols that apply find every result in range.
    private Dictionary<(string Key, string Result), MonitoringFinding>? _findings;

    public IEnumerable<MonitoringFinding> Findings => (IEnumerable<MonitoringFinding>?)_findings?.Values ?? [];

    public void Check(MonitoringProtocol protocol, List<ResolvedMedication> medications)
    {
        if (protocol.Thresholds.IsEmpty)
        {
            return;
        }

        var current = Current(medications);
        if (current is null)
        {
            return;
        }

        var since = Since(protocol, current);
        foreach (var threshold in protocol.Thresholds)
        {
            if (context.Observations.LatestBetween(threshold.TestId, since, context.AsOf) is not { } latest
                || Exceeds(threshold, latest) is not { } exceeding)
            {
                continue;
            }

            _findings ??= [];
            var key = (threshold.Key, latest.ResourceId);
            var medicationFacts = current.Select(m => FactReferences.Of(m.Fact)).ToList();
            if (_findings.TryGetValue(key, out var existing))
            {
                _findings[key] = existing with
                {
                    Medications = [.. existing.Medications.Concat(medicationFacts).DistinctBy(f => f.Reference)],
                    IngredientIds = [.. existing.IngredientIds.Union(MonitoringChecker.IngredientsOf(protocol, current), StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                };
                continue;
            }

            _findings[key] = Finding(protocol, threshold, latest, exceeding, medicationFacts, current);
        }
    }

    // The current orders among the protocol's medications (null when none), in their order.
    private static List<ResolvedMedication>? Current(List<ResolvedMedication> medications)
    {
        List<ResolvedMedication>? current = null;
        foreach (var medication in medications)
        {
            if (medication.Fact.Use == MedicationUse.Current)
            {
                (current ??= []).Add(medication);
            }
        }

        return current;
    }

    // Results count from the earliest course start of the current orders; when any start is unknown, from a fixed lookback.
    private LocalDate Since(MonitoringProtocol protocol, List<ResolvedMedication> current)
    {
        LocalDate? earliest = null;
        foreach (var medication in current)
        {
            if (TreatmentCourses.CourseStart(context, medication, MonitoringChecker.IngredientOf(protocol, medication)) is not { } start)
            {
                return context.AsOf.PlusDays(-context.Rules.Conventions.ThresholdUnknownStartLookbackDays);
            }

            earliest = earliest is { } e && e <= start ? e : start;
        }

        return earliest!.Value;
    }

    private MonitoringFinding Finding(
        MonitoringProtocol protocol, Threshold threshold, ObservationFact latest, Exceeding exceeding, List<FactReference> medications, List<ResolvedMedication> current)
    {
        var results = new List<FactReference> { FactReferences.Of(latest, "latest result") };
        var action = threshold.Action;
        var repeat = false;
        if (threshold.Confirmed)
        {
            if (Confirming(threshold, latest) is { } earlier)
            {
                results.Add(FactReferences.Of(earlier, "confirming result"));
            }
            else
            {
                action = MonitoringAction.Review;
                repeat = true;
            }
        }

        if (exceeding.Compared is { } compared && !ReferenceEquals(compared, latest))
        {
            results.Add(FactReferences.Of(compared, "lowest earlier result"));
        }

        var name = MonitoringChecker.TestName(context, threshold.TestId);
        var rule = Describe(threshold, latest);
        var message = repeat
            ? $"{name} {Value(latest)} on {Date(latest.Effective!.Value)} is past the threshold {rule}: repeat to confirm before acting ({Words(threshold.Action)} if confirmed)"
            : $"{name} {Value(latest)} on {Date(latest.Effective!.Value)} is past the threshold {rule}: {Words(action)}";
        return new MonitoringFinding
        {
            RuleId = threshold.Key,
            ProtocolId = protocol.Id,
            ProtocolName = protocol.Name,
            Kind = MonitoringFindingKind.ThresholdBreached,
            Action = action,
            TestIds = [threshold.TestId],
            Medications = [.. medications],
            Results = [.. results],
            Message = message,
            Sources = context.Cite(threshold.SourceIds),
            Codes = [.. latest.Concept.Codes, .. current.SelectMany(SafetyContext.CodesOf)],
            Threshold = rule,
            IngredientIds = MonitoringChecker.IngredientsOf(protocol, current),
            Computed = exceeding.Computed,
            RepeatToConfirm = repeat,
            Note = threshold.Note,
            LocalConvention = threshold.Confirmed,
        };
    }

    private sealed record Exceeding(ComputedValue? Computed, ObservationFact? Compared);

    /// <summary>Null when the result does not cross the threshold (or cannot be judged: unconvertible unit, no reference high).</summary>
    private Exceeding? Exceeds(Threshold threshold, ObservationFact result)
    {
        switch (threshold.Comparator)
        {
            case Comparator.MultipleOfUln:
                // The upper limit is the lab's own, in the result's own unit; without it only absolute thresholds apply.
                if (result.Value is not { } value || result.ReferenceHigh is not { } high || high <= 0)
                {
                    return null;
                }

                var multiple = value / high;
                return value > threshold.Value * high
                    ? new Exceeding(new ComputedValue("multiple-of-uln", Math.Round(multiple, 2), "x ULN", "value / reference high", [new ComputedInput("value", Value(result), FactReferences.Of(result).Reference), new ComputedInput("reference high", FactReferences.Format(high))]), null)
                    : null;
            case Comparator.RisePercent:
                return Rise(threshold, result);
            default:
                if (!context.TryValue(result, threshold.TestId, threshold.Unit!, threshold.Key, out var converted))
                {
                    return null;
                }

                var crossed = threshold.Comparator switch
                {
                    Comparator.LessThan => converted < threshold.Value,
                    Comparator.GreaterThan => converted > threshold.Value,
                    Comparator.LessOrEqual => converted <= threshold.Value,
                    _ => converted >= threshold.Value,
                };
                var recorded = result.UnitCode ?? result.Unit;
                var computed = recorded == threshold.Unit
                    ? null
                    : new ComputedValue(threshold.TestId, converted, threshold.Unit!, "unit conversion", [new ComputedInput("recorded", Value(result), FactReferences.Of(result).Reference)]);
                return crossed ? new Exceeding(computed, null) : null;
        }
    }

    // The latest exceeds the lowest earlier result within over-days before it by more than value percent.
    private Exceeding? Rise(Threshold threshold, ObservationFact latest)
    {
        var unit = context.Rules.Tests[threshold.TestId].Unit!;
        if (!context.TryValue(latest, threshold.TestId, unit, threshold.Key, out var now))
        {
            return null;
        }

        var date = latest.Effective!.Value;
        var from = date.PlusDays(-threshold.OverDays!.Value);
        ObservationFact? lowest = null;
        decimal lowestValue = 0;
        foreach (var earlier in context.Observations.Results(threshold.TestId))
        {
            var d = earlier.Effective!.Value;
            if (d >= date || d < from || !context.TryValue(earlier, threshold.TestId, unit, threshold.Key, out var value) || value <= 0)
            {
                continue;
            }

            if (lowest is null || value < lowestValue)
            {
                (lowest, lowestValue) = (earlier, value);
            }
        }

        if (lowest is null)
        {
            return null;
        }

        var rise = (now - lowestValue) / lowestValue * 100;
        var computed = new ComputedValue(
            "rise-percent", Math.Round(rise, 1), "%", $"latest against the lowest result in the {threshold.OverDays} days before it",
            [new ComputedInput("latest", $"{FactReferences.Format(now)} {unit}", FactReferences.Of(latest).Reference), new ComputedInput("lowest earlier", $"{FactReferences.Format(lowestValue)} {unit}", FactReferences.Of(lowest).Reference)]);
        return rise > threshold.Value ? new Exceeding(computed, lowest) : null;
    }

    /// <summary>The result before the latest, if it is within the confirmation window and crosses the threshold too.</summary>
    private ObservationFact? Confirming(Threshold threshold, ObservationFact latest)
    {
        var results = context.Observations.Results(threshold.TestId);
        var index = -1;
        for (var i = 0; i < results.Count; i++)
        {
            if (ReferenceEquals(results[i], latest))
            {
                index = i;
                break;
            }
        }

        if (index < 0 || index + 1 >= results.Count)
        {
            return null;
        }

        var earlier = results[index + 1];
        if (earlier.Effective!.Value < latest.Effective!.Value.PlusDays(-context.Rules.Conventions.ThresholdConfirmationDays))
        {
            return null;
        }

        // An earlier result without its own reference range is judged against the latest one's (same lab assumed).
        var judged = threshold.Comparator == Comparator.MultipleOfUln && earlier.ReferenceHigh is null
            ? earlier with { ReferenceHigh = latest.ReferenceHigh }
            : earlier;
        return Exceeds(threshold, judged) is null ? null : earlier;
    }

    /// <summary>
    /// The threshold in the clinician's words: the test's name, and an absolute limit in the unit the result was
    /// reported in (the knowledge's own unit in brackets when they differ), so the two numbers can be compared.
    /// </summary>
    private string Describe(Threshold threshold, ObservationFact result)
    {
        var confirmed = threshold.Confirmed ? " (confirmed)" : "";
        switch (threshold.Comparator)
        {
            case Comparator.MultipleOfUln:
                return $"> {FactReferences.Format(threshold.Value)} x ULN{confirmed}";
            case Comparator.RisePercent:
                return $"a rise > {FactReferences.Format(threshold.Value)}% over {threshold.OverDays} days";
            default:
                var limit = $"{FactReferences.Format(threshold.Value)} {threshold.Unit}";
                var recorded = result.UnitCode ?? result.Unit;
                var analyte = context.Rules.Tests.TryGetValue(threshold.TestId, out var test) ? test.Analyte : threshold.TestId;
                if (recorded is not null && threshold.Unit is not null && recorded != threshold.Unit
                    && context.Rules.Units.TryConvert(threshold.Value, result.UnitCode, result.Unit, threshold.Unit, analyte, out var perRecorded, out _)
                    && perRecorded != 0)
                {
                    // TryConvert goes result unit -> rule unit; the limit in the result's unit is its inverse.
                    var inRecorded = threshold.Value * threshold.Value / perRecorded;
                    limit = $"{FactReferences.Format(Math.Round(inRecorded, 2))} {recorded} ({limit})";
                }

                return $"{threshold.Comparator.Symbol()} {limit}{confirmed}";
        }
    }

    private static string Value(ObservationFact result) =>
        result.Value is { } value ? $"{FactReferences.Format(value)} {result.UnitCode ?? result.Unit}".TrimEnd() : result.ValueText ?? "(no value)";

    private static string Words(MonitoringAction action) => Knowledge.WireName.Of(action).Replace('-', ' ');

    private static string Date(LocalDate date) => FactReferences.Date(date);
}
