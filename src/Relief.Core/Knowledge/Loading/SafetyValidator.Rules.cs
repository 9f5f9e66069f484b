using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

// cautions.yaml, interactions.yaml, vaccines.yaml and doses.yaml (knowledge-format-safety.md §4-7).
internal sealed partial class SafetyValidator
{
    private List<Caution> BuildCautions(CautionsFile file, Dictionary<string, Factor> factors)
    {
        const string f = KnowledgeLoader.SafetyCautionsFile;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Caution>();
        foreach (var (entry, index) in (file.Cautions ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "caution", ids);
            CheckCommon(f, id, entry);
            var ingredients = Refs(f, id, entry.Drugs, "drugs");
            CheckFactor(f, id, entry.Factor, factors, "factor");
            var severity = Parse<CautionSeverity>(f, id, entry.Severity, "severity");
            var appliesTo = Parse<AppliesTo>(f, id, entry.AppliesTo, "applies-to", AppliesTo.Any);
            if ((appliesTo == AppliesTo.Stopped) != entry.StoppedWithinDays is > 0)
            {
                Error(f, id, "applies-to: stopped needs stopped-within-days (a positive number of days), and stopped-within-days needs applies-to: stopped");
            }

            if (entry.UnlessFactor is not null)
            {
                CheckFactor(f, id, entry.UnlessFactor, factors, "unless-factor");
                if (appliesTo != AppliesTo.Stopped)
                {
                    Error(f, id, "unless-factor belongs to applies-to: stopped (a documented washout ends what a stopped drug leaves behind)");
                }
            }

            Require(f, id, entry.Rationale, "rationale");
            Require(f, id, entry.Action, "action");
            var sources = Sources(f, id, entry);
            result.Add(new Caution
            {
                Id = id,
                Drugs = [.. entry.Drugs ?? []],
                Ingredients = ingredients,
                FactorId = entry.Factor ?? "",
                AgeMin = entry.AgeMin,
                Severity = severity,
                AppliesTo = appliesTo,
                BoxedWarning = entry.BoxedWarning ?? false,
                Rationale = entry.Rationale ?? "",
                Action = entry.Action ?? "",
                SourceIds = sources,
                StoppedWithinDays = entry.StoppedWithinDays,
                UnlessFactorId = entry.UnlessFactor,
            });
        }

        return result;
    }

    private List<Interaction> BuildInteractions(InteractionsFile file, List<DrugGroup> groups)
    {
        const string f = KnowledgeLoader.SafetyInteractionsFile;
        var groupIds = groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Interaction>();
        foreach (var (entry, index) in (file.Interactions ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "interaction", ids);
            CheckCommon(f, id, entry);
            var severity = Parse<InteractionSeverity>(f, id, entry.Severity, "severity");
            Require(f, id, entry.Mechanism, "mechanism");
            Require(f, id, entry.Management, "management");
            var sources = Sources(f, id, entry);

            InteractionKind kind;
            if (entry.Kind is not null)
            {
                if (entry.Kind != "count")
                {
                    // Only count is written; pair, combination and live-vaccine follow from the sides given.
                    Error(f, id, KnowledgeMessages.NotOneOf("kind", WireName.Of(InteractionKind.Count), entry.Kind));
                }

                kind = InteractionKind.Count;
            }
            else
            {
                kind = entry.BVaccines is not null ? InteractionKind.LiveVaccine : entry.C is not null ? InteractionKind.Combination : InteractionKind.Pair;
            }

            var c = CombinationSide(f, id, kind, entry);

            FrozenSet<string> a = FrozenSet<string>.Empty, b = FrozenSet<string>.Empty;
            switch (kind)
            {
                case InteractionKind.Count:
                    if (entry.Group is null || !groupIds.Contains(entry.Group))
                    {
                        Error(f, id, KnowledgeMessages.NotIn("group", entry.Group, KnowledgeLoader.SafetyGroupsFile));
                    }
                    else
                    {
                        a = _refs[entry.Group];
                    }

                    if (entry.MinCount is not >= 2)
                    {
                        Error(f, id, "min-count must be at least 2");
                    }

                    if (entry.A is not null || entry.B is not null || entry.BVaccines is not null)
                    {
                        Error(f, id, "a count rule names a group, not a, b or b-vaccines");
                    }

                    break;
                case InteractionKind.LiveVaccine:
                    a = Refs(f, id, entry.A, "a");
                    if (entry.BVaccines != "live")
                    {
                        Error(f, id, KnowledgeMessages.NotOneOf("b-vaccines", "live", entry.BVaccines));
                    }

                    if (entry.B is not null)
                    {
                        Error(f, id, "a vaccine rule has b-vaccines instead of b");
                    }

                    break;
                default: // pair and combination
                    a = Refs(f, id, entry.A, "a");
                    b = Refs(f, id, entry.B, "b");
                    break;
            }

            if (kind != InteractionKind.Count && (entry.Group is not null || entry.MinCount is not null))
            {
                Error(f, id, KnowledgeMessages.OnlyFor("group and min-count", "kind count"));
            }

            // Washout: when several refs match one ingredient the largest number of days applies (knowledge-format-safety.md §1.4).
            var washout = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (reference, days) in entry.WashoutDays ?? [])
            {
                if (days <= 0)
                {
                    Error(f, id, KnowledgeMessages.NotAboveZero($"washout-days for '{reference}'"));
                }

                foreach (var ingredient in Ref(f, id, reference, "washout-days ref"))
                {
                    washout[ingredient] = Math.Max(days, washout.GetValueOrDefault(ingredient));
                }
            }

            InteractionSeverity? severityGiven = null;
            if (entry.ManagementGiven is not null || entry.SeverityGiven is not null)
            {
                if (kind != InteractionKind.LiveVaccine || entry.ManagementGiven is null || entry.SeverityGiven is null)
                {
                    Error(f, id, "management-given and severity-given go together, on live-vaccine rules only");
                }
                else
                {
                    severityGiven = Parse<InteractionSeverity>(f, id, entry.SeverityGiven, "severity-given");
                }
            }

            result.Add(new Interaction
            {
                Id = id,
                Kind = kind,
                Severity = severity,
                OncHighPriority = entry.OncHighPriority ?? false,
                ARefs = [.. entry.A ?? []],
                A = a,
                BRefs = [.. entry.B ?? []],
                B = b,
                GroupId = entry.Group,
                MinCount = entry.MinCount,
                AgeMin = entry.AgeMin,
                WashoutDaysByIngredient = washout.ToFrozenDictionary(StringComparer.Ordinal),
                Mechanism = entry.Mechanism ?? "",
                Management = entry.Management ?? "",
                SourceIds = sources,
                ManagementGiven = entry.ManagementGiven,
                SeverityGiven = severityGiven,
                CRefs = [.. entry.C ?? []],
                C = c,
            });
        }

        return result;
    }

    private List<Vaccine> BuildVaccines(VaccinesFile file)
    {
        const string f = KnowledgeLoader.SafetyVaccinesFile;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<Vaccine>();
        foreach (var (entry, index) in (file.Vaccines ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "vaccine", ids);
            CheckCommon(f, id, entry);
            Require(f, id, entry.Name, "name");
            var sources = Sources(f, id, entry);
            var live = entry.Live switch
            {
                "true" => VaccineLiveness.Live,
                "false" => VaccineLiveness.NotLive,
                "unknown" => VaccineLiveness.Unknown,
                _ => Invalid(f, id, $"live must be true, false or unknown (got '{entry.Live}')", VaccineLiveness.Unknown),
            };
            if (entry.Cvx is not { Count: > 0 })
            {
                Error(f, id, KnowledgeMessages.NeedsAtLeastOne("a vaccine", "CVX code"));
            }

            foreach (var cvx in entry.Cvx ?? [])
            {
                if (!CodeFormats.IsWellFormed(CodeSystems.Cvx, cvx))
                {
                    Error(f, id, KnowledgeMessages.NotWellFormed("CVX code", cvx));
                    continue;
                }

                var normal = Vaccine.NormaliseCvx(cvx);
                if (!owners.TryAdd(normal, id))
                {
                    Error(f, id, KnowledgeMessages.AlreadyUsedBy("CVX code", cvx, owners[normal]));
                }
            }

            result.Add(new Vaccine(id, entry.Name ?? id, live, entry.AntibodyProduct ?? false, [.. entry.Cvx ?? []], sources));
        }

        return result;
    }

    private (List<DoseRule> Rules, List<MmeFactor> Mme) BuildDoses(DosesFile file, Dictionary<string, Factor> factors, UnitConverter units)
    {
        const string f = KnowledgeLoader.SafetyDosesFile;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<DoseRule>();
        foreach (var (entry, index) in (file.Doses ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "dose rule", ids);
            CheckCommon(f, id, entry);
            var ingredients = Ref(f, id, entry.Drug, "drug");
            var kind = Parse<DoseRuleKind>(f, id, entry.Kind, "kind");
            var severity = Parse<DoseSeverity>(f, id, entry.Severity, "severity");
            Require(f, id, entry.Rationale, "rationale");
            Require(f, id, entry.Action, "action");
            var sources = Sources(f, id, entry);
            CheckFactor(f, id, entry.Factor, factors, "factor", optional: true);
            var withIngredients = Refs(f, id, entry.WithDrugs, "with-drugs", required: false);

            Quantity? max = entry.MaxDaily is null ? null : DoseQuantity(f, id, entry.MaxDaily, units, "max-daily");
            var bands = ImmutableArray<RenalBand>.Empty;
            KidneyMeasure? measure = null;
            CheckBelongs(f, id, entry.MaxDaily is not null, kind is DoseRuleKind.MaxDaily or DoseRuleKind.MaxDailyPerKg, "max-daily", "max-daily or max-daily-per-kg");
            CheckBelongs(f, id, entry.Bands is not null || entry.Measure is not null, kind == DoseRuleKind.RenalBands, "measure and bands", "renal-bands");
            CheckBelongs(f, id, entry.Pattern is not null, kind == DoseRuleKind.Pattern, "pattern", "pattern");
            CheckBelongs(f, id, entry.MinMme is not null, kind == DoseRuleKind.MmeDaily, "min-mme", "mme-daily");
            switch (kind)
            {
                case DoseRuleKind.MaxDaily or DoseRuleKind.MaxDailyPerKg when max is null:
                    Error(f, id, KnowledgeMessages.KindNeedsAmount(WireName.Of(kind), "max-daily"));
                    break;
                case DoseRuleKind.RenalBands:
                    measure = Parse<KidneyMeasure>(f, id, entry.Measure, "measure");
                    if (measure == KidneyMeasure.Egfr)
                    {
                        Error(f, id, "renal bands are by creatinine clearance (measure: crcl), as the labels give them");
                    }

                    bands = RenalBands(f, id, entry.Bands, units);
                    break;
                case DoseRuleKind.Pattern when entry.Pattern != "weekly":
                    Error(f, id, KnowledgeMessages.NotOneOf("pattern", "weekly", entry.Pattern));
                    break;
                case DoseRuleKind.MmeDaily:
                    Positive(f, id, entry.MinMme, "min-mme");
                    break;
            }

            var (maxWeekly, companions) = WeeklyAndCompanion(f, id, kind, entry, units);
            rules.Add(new DoseRule
            {
                Id = id,
                Drug = entry.Drug ?? "",
                Ingredients = ingredients,
                Kind = kind,
                MaxDaily = max,
                FactorId = entry.Factor,
                WithDrugs = [.. entry.WithDrugs ?? []],
                WithIngredients = withIngredients,
                Measure = measure,
                Bands = bands,
                MinMme = entry.MinMme,
                Severity = severity,
                Rationale = entry.Rationale ?? "",
                Action = entry.Action ?? "",
                SourceIds = sources,
                MaxWeekly = maxWeekly,
                Companions = [.. entry.Companions ?? []],
                CompanionIngredients = companions,
            });
        }

        var mme = new List<MmeFactor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in file.MmeFactors ?? [])
        {
            var name = entry.Drug ?? "(mme factor)";
            CheckCommon(f, name, entry);
            var sources = Sources(f, name, entry);
            if (entry.Drug is null || !_drugIds.Contains(entry.Drug))
            {
                Error(f, name, KnowledgeMessages.NotA("mme-factors drug", entry.Drug, "a drug (an ingredient id, not a class)"));
                continue;
            }

            if (!seen.Add(entry.Drug))
            {
                Error(f, name, KnowledgeMessages.ListedTwice("mme factor"));
                continue; // kept once: a second factor for the drug would make the MME table ambiguous (and its index throw)
            }

            if (entry.NoFactor is not null)
            {
                if (entry.Factor is not null || entry.Per is not null)
                {
                    Error(f, name, "no-factor replaces factor and per");
                }
            }
            else
            {
                Positive(f, name, entry.Factor, "factor");
            }

            if (entry.Per is not (null or "mg" or "mcg/h"))
            {
                Error(f, name, KnowledgeMessages.NotOneOf("per", "mg, mcg/h", entry.Per));
            }

            mme.Add(new MmeFactor(entry.Drug, entry.Factor ?? 0, sources)
            {
                PerMicrogramPerHour = entry.Per == "mcg/h",
                NoFactorReason = entry.NoFactor,
            });
        }

        return (rules, mme);
    }

    private ImmutableArray<RenalBand> RenalBands(string f, string id, List<RenalBandEntry>? entries, UnitConverter units)
    {
        if (entries is not { Count: > 0 })
        {
            Error(f, id, KnowledgeMessages.NeedsAtLeastOne("renal-bands", "band"));
            return [];
        }

        var bands = new List<RenalBand>();
        foreach (var entry in entries)
        {
            CheckCommon(f, id, entry);
            if (entry.MaxDaily is null)
            {
                Error(f, id, "every renal band needs max-daily");
                continue;
            }

            if (DoseQuantity(f, id, entry.MaxDaily, units, "band max-daily") is { } max)
            {
                bands.Add(new RenalBand(entry.CrclMin, entry.CrclBelow, max));
            }
        }

        // The bands must tile [0, infinity): sorted by lower bound, each starts where the previous ends.
        var ordered = bands.OrderBy(b => b.Min ?? 0).ToList();
        decimal expected = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var band = ordered[i];
            var min = band.Min ?? 0;
            if (min != expected)
            {
                Error(f, id, min < expected
                    ? $"renal bands overlap at {min} mL/min"
                    : $"renal bands leave a gap from {expected} to {min} mL/min");
            }

            if (band.Below is { } below)
            {
                if (below <= min)
                {
                    Error(f, id, $"renal band crcl-below {below} is not above crcl-min {min}");
                }

                expected = below;
            }
            else if (i != ordered.Count - 1)
            {
                Error(f, id, "only the highest renal band may be open-ended");
            }
        }

        if (ordered.Count > 0 && ordered[^1].Below is not null)
        {
            Error(f, id, "renal bands must cover up to infinity (the highest band has no crcl-below)");
        }

        return [.. ordered];
    }

    private Quantity? DoseQuantity(string f, string id, QuantityEntry entry, UnitConverter units, string field)
    {
        CheckCommon(f, id, entry);
        Positive(f, id, entry.Value, $"{field} value");
        if (entry.Unit is null || !units.IsKnown(entry.Unit) || !units.CanConvert(entry.Unit, "mg", null))
        {
            Error(f, id, KnowledgeMessages.NotAMassUnit(field, entry.Unit));
            return null;
        }

        return entry.Value is { } value ? new Quantity(value, entry.Unit) : null;
    }

    private void CheckBelongs(string f, string id, bool present, bool allowed, string field, string kind)
    {
        if (present && !allowed)
        {
            Error(f, id, KnowledgeMessages.OnlyFor(field, $"kind {kind}"));
        }
    }

    private void CheckFactor(string file, string entry, string? factor, Dictionary<string, Factor> factors, string field, bool optional = false)
    {
        if (factor is null && optional)
        {
            return;
        }

        if (factor is null || !factors.ContainsKey(factor))
        {
            Error(file, entry, KnowledgeMessages.NotIn(field, factor, KnowledgeLoader.SafetyFactorsFile));
        }
    }

    private T Invalid<T>(string file, string entry, string reason, T fallback)
    {
        Error(file, entry, reason);
        return fallback;
    }
}
