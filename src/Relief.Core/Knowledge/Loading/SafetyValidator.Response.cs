using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

/// <summary>The built content of response.yaml.</summary>
internal sealed record ResponseParts(
    List<PainInstrument> Instruments,
    List<ResponseBand> Bands,
    int MaxDaysBeforeStart,
    List<AdequateTrial> Trials,
    List<ResponseDecision> Decisions,
    List<TaperRule> Tapering);

// response.yaml (knowledge-format-safety.md §10).
internal sealed partial class SafetyValidator
{
    private ResponseParts BuildResponse(ResponseFile file, UnitConverter units)
    {
        const string f = KnowledgeLoader.ResponseFile;
        var instrumentIds = new HashSet<string>(StringComparer.Ordinal);
        var instruments = new List<PainInstrument>();
        foreach (var (entry, index) in (file.Instruments ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "instrument", instrumentIds);
            CheckCommon(f, id, entry);
            Require(f, id, entry.Name, "name");
            var sources = Sources(f, id, entry);
            var codes = Codes(f, id, entry.Codes);
            if (codes.IsEmpty || codes.Any(c => c.System != CodeSystems.Loinc))
            {
                Error(f, id, KnowledgeMessages.NeedsAtLeastOne("an instrument", "LOINC code"));
            }

            if (entry.Range is not { Min: { } min, Max: { } max } || min >= max)
            {
                Error(f, id, "range needs min below max");
            }

            if (entry.Direction != "lower-is-better")
            {
                // The response rules assume lower is better (pain and fatigue scores).
                Error(f, id, KnowledgeMessages.NotOneOf("direction", "lower-is-better", entry.Direction));
            }

            if (entry.PercentChange is not true)
            {
                Error(f, id, "percent-change must be true: bands are percent reductions");
            }

            instruments.Add(new PainInstrument(id, entry.Name ?? id, codes, entry.Range?.Min ?? 0, entry.Range?.Max ?? 0, sources));
        }

        var bandIds = new HashSet<string>(StringComparer.Ordinal);
        var bands = new List<ResponseBand>();
        var bandEntries = file.Bands ?? [];
        foreach (var (entry, index) in bandEntries.Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "band", bandIds);
            CheckCommon(f, id, entry);
            Require(f, id, entry.Label, "label");
            var sources = Sources(f, id, entry);
            var catchAll = entry.MinReductionPercent is null && entry.OrMinReductionPoints is null;
            if (catchAll != (index == bandEntries.Count - 1))
            {
                Error(f, id, "exactly the last band has no condition (it takes every score left, i.e. worse)");
            }

            bands.Add(new ResponseBand(id, entry.MinReductionPercent, entry.OrMinReductionPoints, entry.Label ?? id, sources));
        }

        var maxDays = 0;
        if (file.BaselineRule is { } rule)
        {
            CheckCommon(f, "baseline-rule", rule);
            if (rule.MaxDaysBeforeStart is not >= 0)
            {
                Error(f, "baseline-rule", KnowledgeMessages.Negative("max-days-before-start"));
            }

            if (rule.BaselineZero != "not-assessable")
            {
                Error(f, "baseline-rule", KnowledgeMessages.NotOneOf("baseline-zero", "not-assessable", rule.BaselineZero));
            }

            maxDays = rule.MaxDaysBeforeStart ?? 0;
        }
        else
        {
            Error(f, "baseline-rule", KnowledgeMessages.Required("baseline-rule"));
        }

        var trialIds = new HashSet<string>(StringComparer.Ordinal);
        var trials = new List<AdequateTrial>();
        foreach (var (entry, index) in (file.AdequateTrials ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "adequate trial", trialIds);
            CheckCommon(f, id, entry);
            var sources = Sources(f, id, entry);
            var ingredients = Refs(f, id, entry.Drugs, "drugs");
            if (entry.MinWeeks is not > 0 || (entry.MaxWeeks is { } maxWeeks && maxWeeks < entry.MinWeeks))
            {
                Error(f, id, "min-weeks must be above 0 and not above max-weeks");
            }

            trials.Add(new AdequateTrial
            {
                Id = id,
                Drugs = [.. entry.Drugs ?? []],
                Ingredients = ingredients,
                MinWeeks = entry.MinWeeks ?? 0,
                MaxWeeks = entry.MaxWeeks,
                Note = entry.Note,
                SourceIds = sources,
            });
        }

        var decisions = new List<ResponseDecision>();
        foreach (var (entry, index) in (file.Decisions ?? []).Select((e, i) => (e, i)))
        {
            var name = $"decision #{index + 1} ({entry.Decision})";
            CheckCommon(f, name, entry);
            var sources = Sources(f, name, entry);
            var decision = Parse<ResponseDecisionKind>(f, name, entry.Decision, "decision");
            Require(f, name, entry.Text, "text");
            if (entry.WhenBand is not { Count: > 0 })
            {
                Error(f, name, KnowledgeMessages.NeedsAtLeastOne("when-band", "band id"));
            }

            foreach (var missing in (entry.WhenBand ?? []).Where(b => !bandIds.Contains(b)))
            {
                Error(f, name, KnowledgeMessages.NotA("band", missing, "a band"));
            }

            if (entry.AfterAdequateTrial is null)
            {
                Error(f, name, "after-adequate-trial is required (true or false)");
            }

            decisions.Add(new ResponseDecision([.. entry.WhenBand ?? []], entry.AfterAdequateTrial ?? false, decision, entry.Text ?? "", sources));
        }

        var taperIds = new HashSet<string>(StringComparer.Ordinal);
        var tapering = new List<TaperRule>();
        foreach (var (entry, index) in (file.Tapering ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "taper", taperIds);
            CheckCommon(f, id, entry);
            var sources = Sources(f, id, entry);
            var ingredients = Refs(f, id, entry.Drugs, "drugs");
            Require(f, id, entry.Text, "text");
            if (entry.MinDays is < 0)
            {
                Error(f, id, KnowledgeMessages.Negative("min-days"));
            }

            var rates = ImmutableArray.CreateBuilder<TaperRate>();
            foreach (var rate in entry.Rate ?? [])
            {
                CheckCommon(f, id, rate);
                var per = Parse<TaperPer>(f, id, rate.Per, "rate per");
                Positive(f, id, rate.PercentOfOriginalDose, "percent-of-original-dose");
                if (rate.AfterUseDaysMin is null && rate.AfterUseDaysBelow is null)
                {
                    Error(f, id, "a rate needs after-use-days-min or after-use-days-below");
                }

                rates.Add(new TaperRate(rate.AfterUseDaysMin, rate.AfterUseDaysBelow, rate.PercentOfOriginalDose ?? 0, per));
            }

            var criteria = ImmutableArray.CreateBuilder<WithdrawalCriterion>();
            foreach (var criterion in entry.MachineReadable ?? [])
            {
                CheckCommon(f, id, criterion);
                var kind = Parse<WithdrawalRule>(f, id, criterion.Rule, "machine-readable rule");
                if (criterion.DaysOver is not > 0)
                {
                    Error(f, id, $"{criterion.Rule}: {KnowledgeMessages.NotAboveZero("days-over")}");
                }

                if (kind == WithdrawalRule.MinDailyDoseAndDays)
                {
                    Positive(f, id, criterion.Value, $"{criterion.Rule} value");
                    if (criterion.Unit is null || !units.CanConvert(criterion.Unit, "mg", null))
                    {
                        Error(f, id, KnowledgeMessages.NotAMassUnit($"{criterion.Rule}", criterion.Unit));
                    }

                    if (criterion.EquivalentOf is null || !_drugIds.Contains(criterion.EquivalentOf))
                    {
                        Error(f, id, KnowledgeMessages.NotA("equivalent-of", criterion.EquivalentOf, "a drug"));
                    }
                }

                criteria.Add(new WithdrawalCriterion(kind, criterion.Value, criterion.Unit, criterion.EquivalentOf, criterion.DaysOver ?? 0));
            }

            tapering.Add(new TaperRule
            {
                Id = id,
                Drugs = [.. entry.Drugs ?? []],
                Ingredients = ingredients,
                Text = entry.Text ?? "",
                MinDays = entry.MinDays,
                Rates = rates.ToImmutable(),
                GradualIfAny = [.. entry.GradualIfAny ?? []],
                MachineReadable = criteria.ToImmutable(),
                SourceIds = sources,
            });
        }

        return new ResponseParts(instruments, bands, maxDays, trials, decisions, tapering);
    }
}
