using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

// monitoring.yaml procedure items of a protocol (knowledge-format-safety.md §8.2a).
internal sealed partial class SafetyValidator
{
    private ImmutableArray<ProcedureScreen> ProcedureScreens(string f, string protocol, List<ProcedureScreenEntry>? entries)
    {
        var result = ImmutableArray.CreateBuilder<ProcedureScreen>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (entries ?? []).Select((e, i) => (e, i)))
        {
            var name = $"{protocol}: procedure #{index + 1} ({entry.Id})";
            CheckCommon(f, name, entry);
            var sources = Sources(f, name, entry);
            Require(f, name, entry.Id, "id");
            Require(f, name, entry.Name, "name");
            if (entry.Id is { } id && !ids.Add(id))
            {
                Error(f, name, "procedure item listed twice in the protocol");
            }

            var codes = Codes(f, name, entry.Codes);
            if (codes.IsEmpty)
            {
                Error(f, name, "a procedure item needs codes (the procedures that satisfy it)");
            }

            foreach (var code in codes.Where(c => c.System != CodeSystems.Snomed))
            {
                Error(f, name, $"procedure codes are SNOMED CT procedures (got {code})");
            }

            if (entry.BeforeStartDays is < 0 || entry.GraceDays is < 0)
            {
                Error(f, name, "before-start-days and grace-days must not be negative");
            }

            var phases = Phases(f, name, entry.Phases ?? []);
            result.Add(new ProcedureScreen
            {
                Id = entry.Id ?? $"procedure-{index + 1}",
                Name = entry.Name ?? entry.Id ?? "",
                Codes = codes,
                CodeSet = codes.ToFrozenSet(),
                BeforeStartDays = entry.BeforeStartDays ?? 0,
                GraceDays = entry.GraceDays ?? 0,
                Phases = phases,
                LocalConvention = entry.Convention is not null && entry.Convention != "false",
                Note = entry.Note,
                SourceIds = sources,
            });
        }

        return result.ToImmutable();
    }

    // Phases tile the weeks from 0 like a lab schedule's; "once" needs an end (it is due then), only the last is open.
    private ImmutableArray<ScreenPhase> Phases(string f, string name, List<ScreenPhaseEntry> list)
    {
        var phases = ImmutableArray.CreateBuilder<ScreenPhase>();
        if (list.Count == 0)
        {
            Error(f, name, "a procedure item needs phases");
        }

        var expected = 0;
        foreach (var (phase, i) in list.Select((p, i) => (p, i)))
        {
            CheckCommon(f, name, phase);
            var label = $"phase #{i + 1}";
            if (phase.FromWeek != expected)
            {
                Error(f, name, $"{label} starts at week {phase.FromWeek?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}; phases must be contiguous from week 0 (expected {expected})");
            }

            var once = phase.Once ?? false;
            if (once && phase.EveryWeeks is not null)
            {
                Error(f, name, $"{label} is either once or every-weeks, not both");
            }

            if (phase.EveryWeeks is <= 0)
            {
                Error(f, name, $"{label} needs every-weeks above 0");
            }

            if (once && phase.ToWeek is null)
            {
                Error(f, name, $"{label}: a once phase needs to-week (the procedure is due by its end)");
            }

            if (phase.ToWeek is { } to)
            {
                if (to <= (phase.FromWeek ?? 0))
                {
                    Error(f, name, $"{label} ends (week {to}) before it starts");
                }

                expected = to;
            }
            else if (i != list.Count - 1)
            {
                Error(f, name, $"{label} is open-ended but is not the last phase");
            }

            if (i == list.Count - 1 && phase.ToWeek is not null)
            {
                Error(f, name, "the last phase must be open-ended (no to-week)");
            }

            var kind = once ? ScreenPhaseKind.Once : phase.EveryWeeks is > 0 ? ScreenPhaseKind.Every : ScreenPhaseKind.None;
            phases.Add(new ScreenPhase(Math.Max(phase.FromWeek ?? 0, 0), phase.ToWeek, kind, phase.EveryWeeks));
        }

        return phases.ToImmutable();
    }
}
