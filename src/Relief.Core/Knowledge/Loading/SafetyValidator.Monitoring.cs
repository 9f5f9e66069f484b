using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

// monitoring.yaml threshold sets and protocols (knowledge-format-safety.md §8.2).
internal sealed partial class SafetyValidator
{
    private (List<ThresholdSet> Sets, List<MonitoringProtocol> Protocols) BuildMonitoring(
        MonitoringFile file, Dictionary<string, LabTest> tests, Dictionary<string, Factor> factors, UnitConverter units)
    {
        const string f = KnowledgeLoader.MonitoringFile;
        var setIds = new HashSet<string>(StringComparer.Ordinal);
        var sets = new List<ThresholdSet>();
        foreach (var (entry, index) in (file.ThresholdSets ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "threshold set", setIds);
            CheckCommon(f, id, entry);
            sets.Add(new ThresholdSet(id, Thresholds(f, id, entry.Thresholds, tests, units)));
        }

        var setsById = sets.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var protocolIds = new HashSet<string>(StringComparer.Ordinal);
        var protocols = new List<MonitoringProtocol>();
        foreach (var (entry, index) in (file.Protocols ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "protocol", protocolIds);
            CheckCommon(f, id, entry);
            Require(f, id, entry.Name, "name");
            if ((entry.Drugs is null) == (entry.DrugsAll is null))
            {
                Error(f, id, "a protocol names either drugs (any) or drugs-all (every one), not both or neither");
            }

            var anyOf = Refs(f, id, entry.Drugs, "drugs", required: entry.DrugsAll is null);
            var allOf = (entry.DrugsAll ?? []).Select(r => Ref(f, id, r, "drugs-all")).ToImmutableArray();
            foreach (var factor in entry.WhenAnyFactor ?? [])
            {
                CheckFactor(f, id, factor, factors, "when-any-factor");
            }

            var baseline = (entry.Baseline ?? []).Select((b, i) => Baseline(f, id, i, b, tests, factors)).OfType<BaselineItem>().ToImmutableArray();
            var schedule = entry.Schedule is null ? null : Schedule(f, id, entry.Schedule, tests);
            var thresholds = ImmutableArray.CreateBuilder<Threshold>();
            foreach (var setId in entry.ThresholdSets ?? [])
            {
                if (setsById.TryGetValue(setId, out var set))
                {
                    thresholds.AddRange(set.Thresholds);
                }
                else
                {
                    Error(f, id, KnowledgeMessages.NotIn("threshold set", setId, KnowledgeLoader.MonitoringFile));
                }
            }

            thresholds.AddRange(Thresholds(f, id, entry.Thresholds, tests, units));
            protocols.Add(new MonitoringProtocol
            {
                Id = id,
                Name = entry.Name ?? id,
                Drugs = [.. entry.Drugs ?? []],
                AnyOf = anyOf,
                DrugsAll = [.. entry.DrugsAll ?? []],
                AllOf = allOf,
                Replaces = [.. entry.Replaces ?? []],
                WhenAnyFactor = [.. entry.WhenAnyFactor ?? []],
                Baseline = baseline,
                BaselineConvention = entry.BaselineConvention ?? false,
                Schedule = schedule,
                Thresholds = thresholds.ToImmutable(),
                ProcedureScreens = ProcedureScreens(f, id, entry.Procedures),
                StartLimits = StartLimits(f, id, entry.StartLimits, anyOf.Union(allOf.SelectMany(s => s)).ToFrozenSet(StringComparer.Ordinal), tests, units),
            });
        }

        foreach (var protocol in protocols)
        {
            foreach (var replaced in protocol.Replaces.Where(r => !protocolIds.Contains(r) || r == protocol.Id))
            {
                Error(f, protocol.Id, $"replaces '{replaced}', which is not another protocol");
            }
        }

        return (sets, protocols);
    }

    private ImmutableArray<Threshold> Thresholds(string f, string owner, List<ThresholdEntry>? entries, Dictionary<string, LabTest> tests, UnitConverter units)
    {
        var result = ImmutableArray.CreateBuilder<Threshold>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (entries ?? []).Select((e, i) => (e, i)))
        {
            var name = $"{owner}: threshold #{index + 1} ({entry.Test})";
            CheckCommon(f, name, entry);
            var sources = Sources(f, name, entry);
            if (entry.Test is null || !tests.TryGetValue(entry.Test, out var test))
            {
                Error(f, name, KnowledgeMessages.NotIn("test", entry.Test, KnowledgeLoader.MonitoringFile));
                continue;
            }

            if (!ComparatorNames.TryParse(entry.Comparator, out var comparator))
            {
                Error(f, name, KnowledgeMessages.NotOneOf("comparator", string.Join(", ", Enum.GetValues<Comparator>().Select(c => c.Symbol())), entry.Comparator));
                continue;
            }

            var action = Parse<MonitoringAction>(f, name, entry.Action, "action");
            if (entry.Value is not { } value)
            {
                Error(f, name, KnowledgeMessages.Required("value"));
                continue;
            }

            switch (comparator)
            {
                case Comparator.RisePercent:
                    if (entry.OverDays is not > 0)
                    {
                        Error(f, name, KnowledgeMessages.NotAboveZero("over-days"));
                    }

                    goto case Comparator.MultipleOfUln;
                case Comparator.MultipleOfUln:
                    if (entry.Unit is not null)
                    {
                        Error(f, name, $"{comparator.Symbol()} compares in the test's own unit; remove unit");
                    }

                    if (test.Unit is null)
                    {
                        Error(f, name, $"{comparator.Symbol()} needs a numeric test");
                    }

                    break;
                default:
                    if (test.Unit is null)
                    {
                        Error(f, name, $"test '{test.Id}' has no unit, so no numeric threshold");
                    }
                    else if (entry.Unit is null || !units.CanConvert(test.Unit, entry.Unit, test.Analyte))
                    {
                        Error(f, name, $"threshold unit '{entry.Unit}' is not the test's unit ({test.Unit}) or convertible to it");
                    }

                    break;
            }

            if (entry.OverDays is not null && comparator != Comparator.RisePercent)
            {
                Error(f, name, KnowledgeMessages.OnlyFor("over-days", "rise-percent"));
            }

            var key = $"{owner}/{test.Id}-{KeyWord(comparator)}-{value.ToString("0.###", CultureInfo.InvariantCulture)}";
            if (!keys.Add(key))
            {
                Error(f, name, KnowledgeMessages.ListedTwice("threshold"));
            }

            result.Add(new Threshold
            {
                Key = key,
                OwnerId = owner,
                TestId = test.Id,
                Comparator = comparator,
                Value = value,
                Unit = entry.Unit,
                Action = action,
                Note = entry.Note,
                OverDays = entry.OverDays,
                Confirmed = entry.Confirmed ?? false,
                SourceIds = sources,
            });
        }

        return result.ToImmutable();
    }

    private static string KeyWord(Comparator comparator) => comparator switch
    {
        Comparator.LessThan => "lt",
        Comparator.GreaterThan => "gt",
        Comparator.LessOrEqual => "le",
        Comparator.GreaterOrEqual => "ge",
        Comparator.RisePercent => "rise",
        _ => "uln",
    };

    private BaselineItem? Baseline(string f, string protocol, int index, BaselineItemEntry entry, Dictionary<string, LabTest> tests, Dictionary<string, Factor> factors)
    {
        var name = $"{protocol}: baseline #{index + 1}";
        CheckCommon(f, name, entry);
        var sources = Sources(f, name, entry);
        if (entry.Tests is not { Count: > 0 })
        {
            Error(f, name, KnowledgeMessages.NeedsAtLeastOne("a baseline item", "test"));
            return null;
        }

        foreach (var missing in entry.Tests.Where(t => !tests.ContainsKey(t)))
        {
            Error(f, name, KnowledgeMessages.NotIn("test", missing, KnowledgeLoader.MonitoringFile));
        }

        if (entry.WithinDays is < 0 || entry.AfterStartDays is < 0)
        {
            Error(f, name, KnowledgeMessages.Negative("within-days and after-start-days"));
        }

        if (entry.AlternativeFactor is not null)
        {
            CheckFactor(f, name, entry.AlternativeFactor, factors, "alternative-factor");
        }

        var level = Parse<BaselineLevel>(f, name, entry.Level, "level", BaselineLevel.Required);
        return new BaselineItem
        {
            Index = index + 1,
            TestIds = [.. entry.Tests],
            AnyOf = entry.AnyOf ?? false,
            WithinDays = entry.WithinDays,
            AfterStartDays = entry.AfterStartDays ?? 0,
            Level = level,
            BeforeEachCourse = entry.BeforeEachCourse ?? false,
            AlternativeFactorId = entry.AlternativeFactor,
            Note = entry.Note,
            SourceIds = sources,
        };
    }

    private MonitoringSchedule? Schedule(string f, string protocol, ScheduleEntry entry, Dictionary<string, LabTest> tests)
    {
        var name = $"{protocol}: schedule";
        CheckCommon(f, name, entry);
        var sources = Sources(f, name, entry);
        if (entry.Tests is not { Count: > 0 })
        {
            Error(f, name, KnowledgeMessages.NeedsAtLeastOne("a schedule", "test"));
        }

        foreach (var missing in (entry.Tests ?? []).Where(t => !tests.ContainsKey(t)))
        {
            Error(f, name, KnowledgeMessages.NotIn("test", missing, KnowledgeLoader.MonitoringFile));
        }

        var clock = Parse<ScheduleClock>(f, name, entry.Clock, "clock");
        if (entry.GraceDays is < 0)
        {
            Error(f, name, KnowledgeMessages.Negative("grace-days"));
        }

        // Phases tile the weeks from 0: each starts where the previous ends and only the last is open.
        var phases = ImmutableArray.CreateBuilder<SchedulePhase>();
        var expected = 0;
        var list = entry.Phases ?? [];
        if (list.Count == 0)
        {
            Error(f, name, KnowledgeMessages.NeedsAtLeastOne("a schedule", "phase"));
        }

        foreach (var (phase, i) in list.Select((p, i) => (p, i)))
        {
            CheckCommon(f, name, phase);
            var from = phase.FromWeek ?? -1;
            if (from != expected)
            {
                Error(f, name, $"phase #{i + 1} starts at week {phase.FromWeek?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}; phases must be contiguous from week 0 (expected {expected})");
            }

            if (phase.EveryWeeks is not > 0)
            {
                Error(f, name, $"phase #{i + 1}: {KnowledgeMessages.NotAboveZero("every-weeks")}");
            }

            if (phase.ToWeek is { } to)
            {
                if (to <= from)
                {
                    Error(f, name, $"phase #{i + 1} ends (week {to}) before it starts");
                }

                expected = to;
            }
            else if (i != list.Count - 1)
            {
                Error(f, name, $"phase #{i + 1} is open-ended but is not the last phase");
            }

            if (i == list.Count - 1 && phase.ToWeek is not null)
            {
                Error(f, name, "the last phase must be open-ended (no to-week)");
            }

            phases.Add(new SchedulePhase(Math.Max(from, 0), phase.ToWeek, phase.EveryWeeks ?? 1));
        }

        return new MonitoringSchedule([.. entry.Tests ?? []], clock, entry.GraceDays ?? 0, phases.ToImmutable(), sources);
    }
}
