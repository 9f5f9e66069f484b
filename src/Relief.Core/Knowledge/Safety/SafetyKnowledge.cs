using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// The validated safety, monitoring, unit and response knowledge with the indexes the engine needs. Rules are
/// indexed by ingredient id, so checking a patient looks only at rules that name one of the patient's drugs;
/// lab tests are indexed by code, so a record's observations are placed in one pass.
/// </summary>
public sealed class SafetyKnowledge
{
    internal SafetyKnowledge(SafetyKnowledgeParts parts)
    {
        Refs = parts.Refs;
        ResultInterpretation = parts.ResultInterpretation;
        Factors = parts.Factors.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        Groups = parts.Groups.ToFrozenDictionary(g => g.Id, StringComparer.Ordinal);
        Cautions = [.. parts.Cautions];
        Interactions = [.. parts.Interactions];
        Vaccines = [.. parts.Vaccines];
        DoseRules = [.. parts.DoseRules];
        MmeFactors = parts.MmeFactors.ToFrozenDictionary(m => m.DrugId, StringComparer.Ordinal);
        Tests = parts.Tests.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        ThresholdSets = parts.ThresholdSets.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        Protocols = [.. parts.Protocols];
        Conventions = parts.Conventions;
        Units = parts.Units;
        Instruments = [.. parts.Instruments];
        Bands = [.. parts.Bands];
        ResponseBaselineMaxDaysBeforeStart = parts.ResponseBaselineMaxDaysBeforeStart;
        AdequateTrials = [.. parts.AdequateTrials];
        Decisions = [.. parts.Decisions];
        Tapering = [.. parts.Tapering];

        FactorConditionCodes = parts.Factors.SelectMany(f => f.Conditions.Concat(f.EndConditions)).ToFrozenSet();
        FactorIcd10CmPrefixes = [.. parts.Factors.SelectMany(f => f.Icd10CmPrefixes.Concat(f.EndIcd10CmPrefixes)).Distinct(StringComparer.Ordinal)];

        CautionsByIngredient = ByIngredient(Cautions, c => c.Ingredients);
        StoppedCautions = [.. Cautions.Where(c => c.AppliesTo == AppliesTo.Stopped && c.StoppedWithinDays is not null)];
        PairInteractionsByIngredient = ById(ByIngredient(Interactions.Where(i => i.Kind == InteractionKind.Pair), i => i.A.Union(i.B)), i => i.Id);
        CountInteractions = [.. Interactions.Where(i => i.Kind == InteractionKind.Count)];
        LiveVaccineInteractions = [.. Interactions.Where(i => i.Kind == InteractionKind.LiveVaccine)];
        CombinationInteractions = [.. Interactions.Where(i => i.Kind == InteractionKind.Combination)];
        VaccinesByCvx = Vaccines
            .SelectMany(v => v.Cvx.Select(c => (Cvx: Vaccine.NormaliseCvx(c), Vaccine: v)))
            .GroupBy(x => x.Cvx, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().Vaccine, StringComparer.Ordinal);
        DoseRulesByIngredient = ById(ByIngredient(DoseRules, r => r.Ingredients), r => r.Id);
        ProtocolsByIngredient = ByIngredient(Protocols, p => p.Ingredients);
        TestIdsByCode = Tests.Values
            .SelectMany(t => t.Codes.Select(c => (Code: c, t.Id)))
            .GroupBy(x => x.Code)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray());
        InstrumentsByCode = Instruments
            .SelectMany(i => i.Codes.Select(c => (Code: c, Instrument: i)))
            .GroupBy(x => x.Code)
            .ToFrozenDictionary(g => g.Key, g => g.First().Instrument);
        // Tests and instruments numbered once, so a record's results are filed by array index, not by name.
        TestSlots = Tests.Keys.Order(StringComparer.Ordinal).Select((id, i) => (id, i)).ToFrozenDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        InstrumentSlots = Instruments.Select((instrument, i) => (instrument.Id, Slot: TestSlots.Count + i)).ToFrozenDictionary(x => x.Id, x => x.Slot, StringComparer.Ordinal);
        ResultCodes = TestIdsByCode.Keys.Concat(InstrumentsByCode.Keys)
            .Distinct()
            .GroupBy(c => c.Value, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.Select(c => new ResultCode(
                        c,
                        [.. TestIdsByCode.GetValueOrDefault(c, []).Select(t => TestSlots[t])
                            .Concat(InstrumentsByCode.TryGetValue(c, out var instrument) ? [InstrumentSlots[instrument.Id]] : [])]))
                    .ToImmutableArray(),
                StringComparer.Ordinal);
    }

    /// <summary>Every drug, class and group id, resolved to its ingredient ids (knowledge-format-safety.md §1.1).</summary>
    public FrozenDictionary<string, FrozenSet<string>> Refs { get; }

    public ResultInterpretation ResultInterpretation { get; }

    public FrozenDictionary<string, Factor> Factors { get; }

    /// <summary>Condition codes the patient factors read (pregnancy, CKD, heart failure...), and the ends of those states.</summary>
    public FrozenSet<Code> FactorConditionCodes { get; }

    /// <summary>ICD-10-CM prefixes (without dots) the patient factors read.</summary>
    public ImmutableArray<string> FactorIcd10CmPrefixes { get; }

    /// <summary>
    /// True when a safety factor reads this code: such a condition is recognised (it changes what is safe) even
    /// though it is not a pain condition, so it is never listed as "not recognised".
    /// </summary>
    public bool UsesCondition(Code code)
    {
        if (FactorConditionCodes.Contains(code))
        {
            return true;
        }

        if (code.System != CodeSystems.Icd10Cm)
        {
            return false;
        }

        var bare = code.Value.Replace(".", "", StringComparison.Ordinal);
        foreach (var prefix in FactorIcd10CmPrefixes)
        {
            if (bare.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public FrozenDictionary<string, DrugGroup> Groups { get; }

    public ImmutableArray<Caution> Cautions { get; }

    public ImmutableArray<Interaction> Interactions { get; }

    public ImmutableArray<Vaccine> Vaccines { get; }

    public ImmutableArray<DoseRule> DoseRules { get; }

    public FrozenDictionary<string, MmeFactor> MmeFactors { get; }

    public FrozenDictionary<string, LabTest> Tests { get; }

    public FrozenDictionary<string, ThresholdSet> ThresholdSets { get; }

    /// <summary>Protocols in file order; their thresholds include those of the threshold sets they name.</summary>
    public ImmutableArray<MonitoringProtocol> Protocols { get; }

    /// <summary>Numbers Relief chose where no source gives one (knowledge/conventions.yaml).</summary>
    public SafetyConventions Conventions { get; }

    public UnitConverter Units { get; }

    public ImmutableArray<PainInstrument> Instruments { get; }

    /// <summary>Response bands in the order they are tested.</summary>
    public ImmutableArray<ResponseBand> Bands { get; }

    /// <summary>The response baseline is the latest score no more than this many days before the start (a convention).</summary>
    public int ResponseBaselineMaxDaysBeforeStart { get; }

    public ImmutableArray<AdequateTrial> AdequateTrials { get; }

    public ImmutableArray<ResponseDecision> Decisions { get; }

    public ImmutableArray<TaperRule> Tapering { get; }

    public FrozenDictionary<string, ImmutableArray<Caution>> CautionsByIngredient { get; }

    /// <summary>The cautions for a drug stopped within some days (<see cref="AppliesTo.Stopped"/>), in file order.</summary>
    public ImmutableArray<Caution> StoppedCautions { get; }

    /// <summary>Pair interactions by every ingredient on either side, each list in id order (the order they are checked in).</summary>
    public FrozenDictionary<string, ImmutableArray<Interaction>> PairInteractionsByIngredient { get; }

    public ImmutableArray<Interaction> CountInteractions { get; }

    public ImmutableArray<Interaction> LiveVaccineInteractions { get; }

    public ImmutableArray<Interaction> CombinationInteractions { get; }

    /// <summary>Vaccines by CVX code without leading zeros.</summary>
    public FrozenDictionary<string, Vaccine> VaccinesByCvx { get; }

    /// <summary>Dose rules by ingredient, each list in id order (the order they are checked in).</summary>
    public FrozenDictionary<string, ImmutableArray<DoseRule>> DoseRulesByIngredient { get; }

    public FrozenDictionary<string, ImmutableArray<MonitoringProtocol>> ProtocolsByIngredient { get; }

    /// <summary>Test ids by LOINC; one code may mean two tests (a QTc result is also an ECG).</summary>
    public FrozenDictionary<Code, ImmutableArray<string>> TestIdsByCode { get; }

    public FrozenDictionary<Code, PainInstrument> InstrumentsByCode { get; }

    /// <summary>
    /// Tests and instruments by the bare code value (then checked for the system): one ordinal string lookup per
    /// observation code, since most of a record's observations are of no test at all.
    /// </summary>
    public FrozenDictionary<string, ImmutableArray<ResultCode>> ResultCodes { get; }

    /// <summary>A number for each test: where a record's results of it are filed.</summary>
    public FrozenDictionary<string, int> TestSlots { get; }

    /// <summary>A number for each pain instrument, after the tests' numbers.</summary>
    public FrozenDictionary<string, int> InstrumentSlots { get; }

    public int ResultSlotCount => TestSlots.Count + InstrumentSlots.Count;

    public FrozenSet<string> Resolve(string reference) => Refs.TryGetValue(reference, out var ingredients) ? ingredients : FrozenSet<string>.Empty;

    private static FrozenDictionary<string, ImmutableArray<T>> ById<T>(FrozenDictionary<string, ImmutableArray<T>> byIngredient, Func<T, string> idOf) =>
        byIngredient.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderBy(idOf, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);

    private static FrozenDictionary<string, ImmutableArray<T>> ByIngredient<T>(IEnumerable<T> rules, Func<T, IEnumerable<string>> ingredients) =>
        rules
            .SelectMany(r => ingredients(r).Distinct(StringComparer.Ordinal).Select(i => (Ingredient: i, Rule: r)))
            .GroupBy(x => x.Ingredient, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Rule).ToImmutableArray(), StringComparer.Ordinal);
}

/// <summary>A code that lab tests or a pain instrument read, with the result slots (see <see cref="SafetyKnowledge.TestSlots"/>) it files into.</summary>
public sealed record ResultCode(Code Code, ImmutableArray<int> Slots);

/// <summary>The built pieces the validator hands to <see cref="SafetyKnowledge"/>.</summary>
internal sealed record SafetyKnowledgeParts
{
    public required FrozenDictionary<string, FrozenSet<string>> Refs { get; init; }

    public required ResultInterpretation ResultInterpretation { get; init; }

    public required IReadOnlyList<Factor> Factors { get; init; }

    public required IReadOnlyList<DrugGroup> Groups { get; init; }

    public required IReadOnlyList<Caution> Cautions { get; init; }

    public required IReadOnlyList<Interaction> Interactions { get; init; }

    public required IReadOnlyList<Vaccine> Vaccines { get; init; }

    public required IReadOnlyList<DoseRule> DoseRules { get; init; }

    public required IReadOnlyList<MmeFactor> MmeFactors { get; init; }

    public required IReadOnlyList<LabTest> Tests { get; init; }

    public required IReadOnlyList<ThresholdSet> ThresholdSets { get; init; }

    public required IReadOnlyList<MonitoringProtocol> Protocols { get; init; }

    public required UnitConverter Units { get; init; }

    public required IReadOnlyList<PainInstrument> Instruments { get; init; }

    public required IReadOnlyList<ResponseBand> Bands { get; init; }

    public required int ResponseBaselineMaxDaysBeforeStart { get; init; }

    public required IReadOnlyList<AdequateTrial> AdequateTrials { get; init; }

    public required IReadOnlyList<ResponseDecision> Decisions { get; init; }

    public required IReadOnlyList<TaperRule> Tapering { get; init; }

    public required SafetyConventions Conventions { get; init; }
}
