using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

// monitoring.yaml "do not start" limits of a protocol (knowledge-format-safety.md §8.2b).
internal sealed partial class SafetyValidator
{
    private ImmutableArray<StartLimit> StartLimits(
        string f, string protocol, List<StartLimitEntry>? entries, FrozenSet<string> protocolDrugs, Dictionary<string, LabTest> tests, UnitConverter units)
    {
        var result = ImmutableArray.CreateBuilder<StartLimit>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (entries ?? []).Select((e, i) => (e, i)))
        {
            var name = $"{protocol}: start limit #{index + 1} ({entry.Test})";
            CheckCommon(f, name, entry);
            var sources = Sources(f, name, entry);
            if (entry.Test is null || !tests.TryGetValue(entry.Test, out var test))
            {
                Error(f, name, $"test '{entry.Test}' is not a test in {KnowledgeLoader.MonitoringFile}");
                continue;
            }

            // A start limit is a number the result must not cross: no rise or multiple of the lab's upper limit.
            if (!ComparatorNames.TryParse(entry.Comparator, out var comparator) || comparator is Comparator.RisePercent or Comparator.MultipleOfUln)
            {
                Error(f, name, $"comparator must be one of <, >, <=, >= (got '{entry.Comparator}')");
                continue;
            }

            if (entry.Value is not { } value)
            {
                Error(f, name, "value is required");
                continue;
            }

            if (test.Unit is null || entry.Unit is null || !units.CanConvert(test.Unit, entry.Unit, test.Analyte))
            {
                Error(f, name, $"unit '{entry.Unit}' is not the test's unit ({test.Unit ?? "none: qualitative"}) or convertible to it");
            }

            if (entry.WithinDays is not > 0)
            {
                Error(f, name, "within-days must be above 0 (how recent the judged result must be)");
            }

            var drugs = entry.Drugs is null ? FrozenSet<string>.Empty : Refs(f, name, entry.Drugs, "drugs");
            foreach (var outside in drugs.Where(d => !protocolDrugs.Contains(d)).Order(StringComparer.Ordinal))
            {
                Error(f, name, $"drug '{outside}' is not one of the protocol's drugs");
            }

            var key = $"{protocol}/start/{test.Id}-{KeyWord(comparator)}-{value.ToString("0.###", CultureInfo.InvariantCulture)}"
                + (entry.Drugs is null ? "" : $"-{string.Join("-", entry.Drugs)}");
            if (!keys.Add(key))
            {
                Error(f, name, "start limit listed twice");
            }

            result.Add(new StartLimit
            {
                Key = key,
                TestId = test.Id,
                Comparator = comparator,
                Value = value,
                Unit = entry.Unit ?? test.Unit ?? "",
                Drugs = drugs,
                WithinDays = entry.WithinDays ?? 1,
                LocalConvention = entry.Convention is not null && entry.Convention != "false",
                Note = entry.Note,
                SourceIds = sources,
            });
        }

        return result.ToImmutable();
    }
}
