using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge.Loading;

// units.yaml, monitoring.yaml tests and factors.yaml (knowledge-format-safety.md §2, 8.1, 9).
internal sealed partial class SafetyValidator
{
    /// <summary>The tests the kidney-function criterion reads (knowledge-format-safety.md §2.2); they must exist when a factor uses it.</summary>
    internal static readonly string[] KidneyTests = ["creatinine", "egfr", "body-weight"];

    private UnitConverter BuildUnits(UnitsFile file)
    {
        const string f = KnowledgeLoader.UnitsFile;
        var aliases = new List<(string, IEnumerable<string>)>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (file.Aliases ?? []).Select((e, i) => (e, i)))
        {
            var name = entry.Ucum ?? $"alias #{index + 1}";
            CheckCommon(f, name, entry);
            if (string.IsNullOrWhiteSpace(entry.Ucum))
            {
                Error(f, name, KnowledgeMessages.Required("ucum"));
                continue;
            }

            foreach (var seen in (entry.Seen ?? []).Append(entry.Ucum))
            {
                if (owners.TryGetValue(seen, out var owner) && owner != entry.Ucum)
                {
                    Error(f, entry.Ucum, KnowledgeMessages.AlreadyUsedBy("spelling", seen, owner));
                }

                owners.TryAdd(seen, entry.Ucum);
            }

            aliases.Add((entry.Ucum, entry.Seen ?? []));
        }

        var known = aliases.Select(a => a.Item1).ToHashSet(StringComparer.Ordinal);
        var conversions = new List<UnitConversion>();
        var keys = new HashSet<(string?, string?, string?)>();
        foreach (var entry in file.Conversions ?? [])
        {
            var name = $"{entry.From} -> {entry.To}{(entry.Analyte is null ? "" : $" ({entry.Analyte})")}";
            CheckCommon(f, name, entry);
            var sources = Sources(f, name, entry);
            foreach (var (unit, field) in new[] { (entry.From, "from"), (entry.To, "to") })
            {
                if (unit is null || !known.Contains(unit))
                {
                    Error(f, name, $"{field} unit '{unit}' is not a ucum code of an alias entry");
                }
            }

            Positive(f, name, entry.Factor, "factor");
            if (!keys.Add((entry.From, entry.To, entry.Analyte)))
            {
                Error(f, name, KnowledgeMessages.ListedTwice("conversion"));
            }

            if (entry.From is not null && entry.To is not null && entry.Factor is { } factor)
            {
                conversions.Add(new UnitConversion(entry.From, entry.To, factor, entry.Analyte, sources, entry.Derivation));
            }
        }

        return new UnitConverter(aliases, conversions);
    }

    private Dictionary<string, LabTest> BuildTests(MonitoringFile file, UnitConverter units)
    {
        const string f = KnowledgeLoader.MonitoringFile;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var tests = new Dictionary<string, LabTest>(StringComparer.Ordinal);
        foreach (var (entry, index) in (file.Tests ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "test", ids);
            CheckCommon(f, id, entry);
            Require(f, id, entry.Name, "name");
            var qualitative = entry.Qualitative ?? false;
            if (qualitative && entry.Unit is not null)
            {
                Error(f, id, "a qualitative test has no unit");
            }

            if (entry.Unit is not null && !units.IsKnown(entry.Unit))
            {
                Error(f, id, KnowledgeMessages.NotIn("unit", entry.Unit, KnowledgeLoader.UnitsFile));
            }

            var codes = Codes(f, id, entry.Codes);
            if (codes.IsEmpty)
            {
                Error(f, id, KnowledgeMessages.NeedsAtLeastOne("a test", "code"));
            }

            foreach (var code in codes.Where(c => c.System != CodeSystems.Loinc))
            {
                Error(f, id, $"test codes are LOINC (got {CodeSystems.ShortName(code.System)} '{code.Value}')");
            }

            tests.TryAdd(id, new LabTest(id, entry.Name ?? id, entry.Unit, qualitative, entry.Analyte ?? id, codes)
            {
                Phenotype = entry.Phenotype is { } phenotype ? BuildPhenotype(f, id, phenotype) : null,
            });
        }

        // An analyte conversion nobody can use is a typo in units.yaml.
        var analytes = tests.Values.Select(t => t.Analyte).ToHashSet(StringComparer.Ordinal);
        foreach (var conversion in units.Conversions.Where(c => c.Analyte is not null && !analytes.Contains(c.Analyte)))
        {
            Error(KnowledgeLoader.UnitsFile, $"{conversion.From} -> {conversion.To} ({conversion.Analyte})", $"analyte '{conversion.Analyte}' is not the analyte of any test in {KnowledgeLoader.MonitoringFile}");
        }

        return tests;
    }

    private (ResultInterpretation Interpretation, Dictionary<string, Factor> Factors) BuildFactors(
        FactorsFile file, Dictionary<string, LabTest> tests, UnitConverter units, SafetyConventions conventions)
    {
        const string f = KnowledgeLoader.SafetyFactorsFile;
        var interpretation = new ResultInterpretation([], [], [], [], []);
        if (file.ResultInterpretation is { } ri)
        {
            const string name = "result-interpretation";
            CheckCommon(f, name, ri);
            Sources(f, name, ri);
            interpretation = new ResultInterpretation(
                Codes(f, name, ri.PositiveCodes), Codes(f, name, ri.NegativeCodes), Codes(f, name, ri.IndeterminateCodes),
                [.. (ri.PositiveText ?? []).Select(t => t.ToLowerInvariant())], [.. (ri.NegativeText ?? []).Select(t => t.ToLowerInvariant())]);
        }
        else
        {
            Error(f, "result-interpretation", KnowledgeMessages.Required("result-interpretation"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var factors = new Dictionary<string, Factor>(StringComparer.Ordinal);
        foreach (var (entry, index) in (file.Factors ?? []).Select((e, i) => (e, i)))
        {
            var id = CheckId(f, entry.Id, index, "factor", ids);
            CheckCommon(f, id, entry);
            Require(f, id, entry.Name, "name");
            var sources = Sources(f, id, entry);
            if (entry.AgeMin is < 0 || entry.AgeMax is < 0 || (entry.AgeMin is { } lo && entry.AgeMax is { } hi && lo > hi))
            {
                Error(f, id, "age-min and age-max must be whole years with age-min <= age-max");
            }

            var conditions = Codes(f, id, entry.Conditions);
            var prefixes = Prefixes(f, id, entry.Icd10CmPrefixes);

            var status = Parse<ConditionStatusRule>(f, id, entry.ConditionStatus, "condition-status", ConditionStatusRule.Current);
            if (entry.OnsetWithinDays is < 0)
            {
                Error(f, id, KnowledgeMessages.Negative("onset-within-days"));
            }

            var observations = (entry.Observations ?? []).Select(o => BuildCriterion(f, id, o, tests, units)).OfType<ObservationCriterion>().ToImmutableArray();
            KidneyFunctionCriterion? kidney = null;
            if (entry.KidneyFunction is { } k)
            {
                CheckCommon(f, id, k);
                var measure = Parse<KidneyMeasure>(f, id, k.Measure, "kidney-function measure");
                Positive(f, id, k.Below, "kidney-function below");
                kidney = new KidneyFunctionCriterion(measure, k.Below ?? 0);
                foreach (var missing in KidneyTests.Where(t => !tests.ContainsKey(t)))
                {
                    Error(f, id, $"kidney-function needs test '{missing}' in {KnowledgeLoader.MonitoringFile}");
                }
            }

            int? evidenceDays = null;
            if (entry.EvidenceWithin is { } key)
            {
                evidenceDays = conventions.Days(key);
                if (evidenceDays is null)
                {
                    Error(f, id, KnowledgeMessages.NotIn("evidence-within", key, $"the day-count conventions of {KnowledgeLoader.ConventionsFile}"));
                }
            }

            if (entry.EndedBy is { } end)
            {
                CheckCommon(f, id, end);
            }

            var procedures = Codes(f, id, entry.Procedures);
            if (entry.ProcedureWithinDays is { } window && (window <= 0 || procedures.IsEmpty))
            {
                Error(f, id, "procedure-within-days must be a positive number of days and needs procedures");
            }

            var factor = new Factor
            {
                Id = id,
                Name = entry.Name ?? id,
                AgeMin = entry.AgeMin,
                AgeMax = entry.AgeMax,
                Conditions = conditions,
                Icd10CmPrefixes = prefixes,
                ConditionStatus = status,
                OnsetWithinDays = entry.OnsetWithinDays,
                Observations = observations,
                KidneyFunction = kidney,
                SourceIds = sources,
                ExcludeConditions = Codes(f, id, entry.ExcludeConditions),
                ExcludeIcd10CmPrefixes = Prefixes(f, id, entry.ExcludeIcd10CmPrefixes),
                EndConditions = Codes(f, id, entry.EndedBy?.Conditions),
                EndIcd10CmPrefixes = Prefixes(f, id, entry.EndedBy?.Icd10CmPrefixes),
                EvidenceWithinDays = evidenceDays,
                EvidenceConvention = evidenceDays is null ? null : entry.EvidenceWithin,
                Procedures = procedures,
                ProcedureWithinDays = entry.ProcedureWithinDays,
            };
            if (entry.EndedBy is not null && !factor.HasEnd)
            {
                Error(f, id, "ended-by needs conditions or icd10cm-prefixes");
            }

            if (!factor.HasAgeCriterion && conditions.IsEmpty && factor.Icd10CmPrefixes.IsEmpty && (entry.Observations ?? []).Count == 0 && kidney is null && procedures.IsEmpty)
            {
                Error(f, id, KnowledgeMessages.NeedsAtLeastOne("a factor", "criterion (age, conditions, icd10cm-prefixes, procedures, observations, kidney-function)"));
            }

            factors.TryAdd(id, factor);
        }

        return (interpretation, factors);
    }

    private PhenotypeReading BuildPhenotype(string f, string id, PhenotypeEntry entry)
    {
        CheckCommon(f, id, entry);
        var sources = Sources(f, id, entry);
        var text = ImmutableArray.CreateBuilder<PhenotypeText>();
        foreach (var rule in entry.Text ?? [])
        {
            CheckCommon(f, id, rule);
            if (rule.Contains is not { Count: > 0 } || string.IsNullOrWhiteSpace(rule.Phenotype))
            {
                Error(f, id, "a phenotype text rule needs contains and phenotype");
                continue;
            }

            text.Add(new PhenotypeText([.. rule.Contains.Select(c => c.ToLowerInvariant())], rule.Phenotype));
        }

        var interpretation = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in entry.Interpretation ?? [])
        {
            CheckCommon(f, id, rule);
            if (string.IsNullOrWhiteSpace(rule.Code) || string.IsNullOrWhiteSpace(rule.Phenotype) || !interpretation.TryAdd(rule.Code, rule.Phenotype))
            {
                Error(f, id, $"phenotype interpretation '{rule.Code}' needs a code (once) and a phenotype");
            }
        }

        PhenotypeDiplotype? diplotype = null;
        if (entry.Diplotype is { } d)
        {
            CheckCommon(f, id, d);
            if (d.NormalFunction is not { Count: > 0 } || d.NoFunction is not { Count: > 0 } || d.Zero is null || d.One is null || d.Two is null)
            {
                Error(f, id, "a diplotype reading needs normal-function, no-function, zero, one and two");
            }
            else
            {
                diplotype = new PhenotypeDiplotype(
                    d.NormalFunction.ToFrozenSet(StringComparer.OrdinalIgnoreCase), d.NoFunction.ToFrozenSet(StringComparer.OrdinalIgnoreCase), d.Zero, d.One, d.Two);
            }
        }

        if (entry.ReferenceRange is { } range)
        {
            CheckCommon(f, id, range);
        }

        return new PhenotypeReading
        {
            Text = text.ToImmutable(),
            Interpretation = interpretation.ToFrozenDictionary(StringComparer.Ordinal),
            BelowRange = entry.ReferenceRange?.Below,
            WithinRange = entry.ReferenceRange?.Within,
            AboveRange = entry.ReferenceRange?.Above,
            Diplotype = diplotype,
            SourceIds = sources,
        };
    }

    private ImmutableArray<string> Prefixes(string f, string id, List<PrefixEntry>? entries)
    {
        var prefixes = ImmutableArray.CreateBuilder<string>();
        foreach (var prefix in entries ?? [])
        {
            CheckCommon(f, id, prefix);
            if (prefix.Prefix is null || !Icd10CmPrefix().IsMatch(prefix.Prefix))
            {
                Error(f, id, KnowledgeMessages.NotWellFormed("ICD-10-CM prefix", prefix.Prefix ?? ""));
                continue;
            }

            prefixes.Add(prefix.Prefix.Replace(".", "", StringComparison.Ordinal));
        }

        return prefixes.ToImmutable();
    }

    private ObservationCriterion? BuildCriterion(string f, string id, ObservationCriterionEntry entry, Dictionary<string, LabTest> tests, UnitConverter units)
    {
        CheckCommon(f, id, entry);
        if (entry.Test is null || !tests.TryGetValue(entry.Test, out var test))
        {
            Error(f, id, KnowledgeMessages.NotIn("observation test", entry.Test, KnowledgeLoader.MonitoringFile));
            return null;
        }

        if (entry.WithinDays is not > 0)
        {
            Error(f, id, $"observation on '{test.Id}': {KnowledgeMessages.NotAboveZero("within-days")}");
        }

        var keys = new List<ObservationComparison>();
        if (entry.Below is not null)
        {
            keys.Add(ObservationComparison.Below);
        }

        if (entry.Above is not null)
        {
            keys.Add(ObservationComparison.Above);
        }

        if (entry.Positive is true)
        {
            keys.Add(ObservationComparison.Positive);
        }

        if (entry.ValueCodes is { Count: > 0 })
        {
            keys.Add(ObservationComparison.ValueCodes);
        }

        if (entry.ValueTextContains is { Count: > 0 })
        {
            keys.Add(ObservationComparison.ValueTextContains);
        }

        if (entry.PhenotypeIn is { Count: > 0 })
        {
            keys.Add(ObservationComparison.PhenotypeIn);
            if (test.Phenotype is null)
            {
                Error(f, id, $"observation on '{test.Id}' uses phenotype-in but the test has no phenotype reading in {KnowledgeLoader.MonitoringFile}");
            }
        }

        if (keys.Count != 1)
        {
            Error(f, id, $"observation on '{test.Id}' needs exactly one of below, above, positive, value-codes, value-text-contains, phenotype-in");
            return null;
        }

        var comparison = keys[0];
        if (comparison is ObservationComparison.Below or ObservationComparison.Above)
        {
            if (test.Unit is null)
            {
                Error(f, id, $"observation on '{test.Id}' compares a number but the test has no unit");
            }
            else if (entry.Unit is null || !units.CanConvert(test.Unit, entry.Unit, test.Analyte))
            {
                Error(f, id, $"observation unit '{entry.Unit}' is not the test's unit ({test.Unit}) or convertible to it");
            }
        }
        else if (entry.Unit is not null)
        {
            Error(f, id, $"observation on '{test.Id}' has a unit but compares no number");
        }

        if (entry.ConfirmedApartDays is { } apart
            && (apart <= 0 || comparison is not (ObservationComparison.Below or ObservationComparison.Above) || apart >= (entry.WithinDays ?? 0)))
        {
            Error(f, id, $"observation on '{test.Id}': confirmed-apart-days must be above 0, below within-days, and compare a number (below or above)");
        }

        return new ObservationCriterion
        {
            TestId = test.Id,
            Comparison = comparison,
            Value = entry.Below ?? entry.Above,
            Unit = entry.Unit,
            ValueCodes = Codes(f, id, entry.ValueCodes),
            ValueTexts = [.. (entry.ValueTextContains ?? []).Select(t => t.ToLowerInvariant())],
            WithinDays = entry.WithinDays ?? 0,
            Phenotypes = [.. entry.PhenotypeIn ?? []],
            ConfirmedApartDays = entry.ConfirmedApartDays,
        };
    }
}
