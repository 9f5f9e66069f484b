namespace Relief.Core.Knowledge.Loading;

// The YAML shapes of knowledge/monitoring.yaml, units.yaml and response.yaml (knowledge-format-safety.md §8-10).
#pragma warning disable CA1002, CA2227 // DTOs: YamlDotNet needs settable lists.

internal sealed class MonitoringFile
{

    public List<LabTestEntry>? Tests { get; set; }

    public List<ThresholdSetEntry>? ThresholdSets { get; set; }

    public List<ProtocolEntry>? Protocols { get; set; }
}

internal sealed class LabTestEntry : SafetyEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Unit { get; set; }

    public bool? Qualitative { get; set; }

    public string? Analyte { get; set; }

    public List<SafetyCodeEntry>? Codes { get; set; }

    public PhenotypeEntry? Phenotype { get; set; }
}

internal sealed class PhenotypeEntry : SourcedEntry
{
    public List<PhenotypeTextEntry>? Text { get; set; }

    public List<PhenotypeInterpretationEntry>? Interpretation { get; set; }

    public PhenotypeRangeEntry? ReferenceRange { get; set; }

    public PhenotypeDiplotypeEntry? Diplotype { get; set; }
}

internal sealed class PhenotypeTextEntry : SafetyEntry
{
    public List<string>? Contains { get; set; }

    public string? Phenotype { get; set; }
}

internal sealed class PhenotypeInterpretationEntry : SafetyEntry
{
    public string? Code { get; set; }

    public string? Phenotype { get; set; }
}

internal sealed class PhenotypeRangeEntry : SafetyEntry
{
    public string? Below { get; set; }

    public string? Within { get; set; }

    public string? Above { get; set; }
}

internal sealed class PhenotypeDiplotypeEntry : SafetyEntry
{
    public List<string>? NormalFunction { get; set; }

    public List<string>? NoFunction { get; set; }

    public string? Zero { get; set; }

    public string? One { get; set; }

    public string? Two { get; set; }
}

internal sealed class ThresholdSetEntry : SafetyEntry
{
    public string? Id { get; set; }

    public List<ThresholdEntry>? Thresholds { get; set; }
}

internal sealed class ThresholdEntry : SourcedEntry
{
    public string? Test { get; set; }

    public string? Comparator { get; set; }

    public decimal? Value { get; set; }

    public string? Unit { get; set; }

    public string? Action { get; set; }

    public int? OverDays { get; set; }

    public bool? Confirmed { get; set; }
}

internal sealed class ProtocolEntry : SafetyEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string>? Drugs { get; set; }

    public List<string>? DrugsAll { get; set; }

    public List<string>? Replaces { get; set; }

    public List<string>? WhenAnyFactor { get; set; }

    public List<BaselineItemEntry>? Baseline { get; set; }

    public bool? BaselineConvention { get; set; }

    public ScheduleEntry? Schedule { get; set; }

    public List<string>? ThresholdSets { get; set; }

    public List<ThresholdEntry>? Thresholds { get; set; }

    public List<ProcedureScreenEntry>? Procedures { get; set; }

    public List<StartLimitEntry>? StartLimits { get; set; }
}

/// <summary>A "do not start" limit for a proposed drug (knowledge-format-safety.md §8.2b).</summary>
internal sealed class StartLimitEntry : SourcedEntry
{
    public string? Test { get; set; }

    public string? Comparator { get; set; }

    public decimal? Value { get; set; }

    public string? Unit { get; set; }

    public List<string>? Drugs { get; set; }

    public int? WithinDays { get; set; }
}

/// <summary>A monitoring item answered by a Procedure (knowledge-format-safety.md §8.2a).</summary>
internal sealed class ProcedureScreenEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<SafetyCodeEntry>? Codes { get; set; }

    public int? BeforeStartDays { get; set; }

    public int? GraceDays { get; set; }

    public List<ScreenPhaseEntry>? Phases { get; set; }
}

internal sealed class ScreenPhaseEntry : SafetyEntry
{
    public int? FromWeek { get; set; }

    public int? ToWeek { get; set; }

    public bool? Once { get; set; }

    public int? EveryWeeks { get; set; }
}

internal sealed class BaselineItemEntry : SourcedEntry
{
    public List<string>? Tests { get; set; }

    public bool? AnyOf { get; set; }

    public int? WithinDays { get; set; }

    public int? AfterStartDays { get; set; }

    public string? Level { get; set; }

    public bool? BeforeEachCourse { get; set; }

    public string? AlternativeFactor { get; set; }
}

internal sealed class ScheduleEntry : SourcedEntry
{
    public List<string>? Tests { get; set; }

    public string? Clock { get; set; }

    public int? GraceDays { get; set; }

    public List<PhaseEntry>? Phases { get; set; }
}

internal sealed class PhaseEntry : SafetyEntry
{
    public int? FromWeek { get; set; }

    public int? ToWeek { get; set; }

    public int? EveryWeeks { get; set; }
}

internal sealed class UnitsFile
{
    public List<UnitAliasEntry>? Aliases { get; set; }

    public List<UnitConversionEntry>? Conversions { get; set; }
}

internal sealed class UnitAliasEntry : SafetyEntry
{
    public string? Ucum { get; set; }

    public List<string>? Seen { get; set; }
}

internal sealed class UnitConversionEntry : SourcedEntry
{
    public string? From { get; set; }

    public string? To { get; set; }

    public decimal? Factor { get; set; }

    public string? Analyte { get; set; }

    public string? Derivation { get; set; }
}

internal sealed class ResponseFile
{
    public List<InstrumentEntry>? Instruments { get; set; }

    public List<BandEntry>? Bands { get; set; }

    public BaselineRuleEntry? BaselineRule { get; set; }

    public List<AdequateTrialEntry>? AdequateTrials { get; set; }

    public List<DecisionEntry>? Decisions { get; set; }

    public List<TaperEntry>? Tapering { get; set; }
}

internal sealed class InstrumentEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<SafetyCodeEntry>? Codes { get; set; }

    public RangeEntry? Range { get; set; }

    public string? Direction { get; set; }

    public bool? PercentChange { get; set; }
}

internal sealed class RangeEntry : SafetyEntry
{
    public decimal? Min { get; set; }

    public decimal? Max { get; set; }
}

internal sealed class BandEntry : SourcedEntry
{
    public string? Id { get; set; }

    public decimal? MinReductionPercent { get; set; }

    public decimal? OrMinReductionPoints { get; set; }

    public string? Label { get; set; }
}

internal sealed class BaselineRuleEntry : SafetyEntry
{
    public int? MaxDaysBeforeStart { get; set; }

    public string? BaselineZero { get; set; }
}

internal sealed class AdequateTrialEntry : SourcedEntry
{
    public string? Id { get; set; }

    public List<string>? Drugs { get; set; }

    public int? MinWeeks { get; set; }

    public int? MaxWeeks { get; set; }
}

internal sealed class DecisionEntry : SourcedEntry
{
    public List<string>? WhenBand { get; set; }

    public bool? AfterAdequateTrial { get; set; }

    public string? Decision { get; set; }

    public string? Text { get; set; }
}

internal sealed class TaperEntry : SourcedEntry
{
    public string? Id { get; set; }

    public List<string>? Drugs { get; set; }

    public List<string>? GradualIfAny { get; set; }

    public List<WithdrawalCriterionEntry>? MachineReadable { get; set; }

    public string? Text { get; set; }

    public int? MinDays { get; set; }

    public List<TaperRateEntry>? Rate { get; set; }
}

internal sealed class WithdrawalCriterionEntry : SafetyEntry
{
    public string? Rule { get; set; }

    public decimal? Value { get; set; }

    public string? Unit { get; set; }

    public string? EquivalentOf { get; set; }

    public int? DaysOver { get; set; }
}

internal sealed class TaperRateEntry : SafetyEntry
{
    public int? AfterUseDaysMin { get; set; }

    public int? AfterUseDaysBelow { get; set; }

    public decimal? PercentOfOriginalDose { get; set; }

    public string? Per { get; set; }
}
