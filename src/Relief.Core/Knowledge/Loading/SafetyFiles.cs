using YamlDotNet.Serialization;

namespace Relief.Core.Knowledge.Loading;

// The YAML shapes of knowledge/safety/*.yaml. Mutable DTOs because YamlDotNet fills them; SafetyValidator
// checks them and builds the immutable model. Format: docs/knowledge-format-safety.md.
#pragma warning disable CA1002, CA2227 // DTOs: YamlDotNet needs settable lists.

/// <summary>
/// Fields every entry of every safety list may carry (knowledge-format-safety.md §1.7): review status, a free-text note and a
/// mark for numbers Relief chose itself. <c>convention</c> is true or a string saying what is a convention.
/// </summary>
internal abstract class SafetyEntry
{
    public string? Verified { get; set; }

    public string? Note { get; set; }

    public string? Convention { get; set; }
}

/// <summary>An entry that cites <c>source:</c> or <c>sources:</c>.</summary>
internal abstract class SourcedEntry : SafetyEntry
{
    public string? Source { get; set; }

    public List<string>? Sources { get; set; }
}

internal sealed class SafetyCodeEntry : SafetyEntry
{
    public string? System { get; set; }

    public string? Code { get; set; }

    public string? Display { get; set; }
}

internal sealed class QuantityEntry : SafetyEntry
{
    public decimal? Value { get; set; }

    public string? Unit { get; set; }
}

internal sealed class FactorsFile
{
    public ResultInterpretationEntry? ResultInterpretation { get; set; }

    public List<FactorEntry>? Factors { get; set; }
}

internal sealed class ResultInterpretationEntry : SourcedEntry
{
    public List<SafetyCodeEntry>? PositiveCodes { get; set; }

    public List<SafetyCodeEntry>? NegativeCodes { get; set; }

    public List<SafetyCodeEntry>? IndeterminateCodes { get; set; }

    public List<string>? PositiveText { get; set; }

    public List<string>? NegativeText { get; set; }
}

internal sealed class FactorEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public int? AgeMin { get; set; }

    public int? AgeMax { get; set; }

    public List<SafetyCodeEntry>? Conditions { get; set; }

    [YamlMember(Alias = "icd10cm-prefixes")]
    public List<PrefixEntry>? Icd10CmPrefixes { get; set; }

    public string? ConditionStatus { get; set; }

    public int? OnsetWithinDays { get; set; }

    public List<ObservationCriterionEntry>? Observations { get; set; }

    public KidneyFunctionEntry? KidneyFunction { get; set; }

    public List<SafetyCodeEntry>? ExcludeConditions { get; set; }

    [YamlMember(Alias = "exclude-icd10cm-prefixes")]
    public List<PrefixEntry>? ExcludeIcd10CmPrefixes { get; set; }

    public FactorEndEntry? EndedBy { get; set; }

    public string? EvidenceWithin { get; set; }

    public List<SafetyCodeEntry>? Procedures { get; set; }

    public int? ProcedureWithinDays { get; set; }
}

/// <summary>What ends a factor's state (knowledge-format-safety.md §2.4): conditions by code or ICD-10-CM prefix.</summary>
internal sealed class FactorEndEntry : SafetyEntry
{
    public List<SafetyCodeEntry>? Conditions { get; set; }

    [YamlMember(Alias = "icd10cm-prefixes")]
    public List<PrefixEntry>? Icd10CmPrefixes { get; set; }
}

internal sealed class PrefixEntry : SafetyEntry
{
    public string? Prefix { get; set; }

    public string? Display { get; set; }
}

internal sealed class ObservationCriterionEntry : SafetyEntry
{
    public string? Test { get; set; }

    public decimal? Above { get; set; }

    public decimal? Below { get; set; }

    public string? Unit { get; set; }

    public bool? Positive { get; set; }

    public List<SafetyCodeEntry>? ValueCodes { get; set; }

    public List<string>? ValueTextContains { get; set; }

    public List<string>? PhenotypeIn { get; set; }

    public int? WithinDays { get; set; }

    public int? ConfirmedApartDays { get; set; }
}

internal sealed class KidneyFunctionEntry : SafetyEntry
{
    public string? Measure { get; set; }

    public decimal? Below { get; set; }
}

internal sealed class GroupsFile
{
    public List<GroupEntry>? Groups { get; set; }
}

internal sealed class GroupEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string>? Members { get; set; }
}

internal sealed class CautionsFile
{
    public List<CautionEntry>? Cautions { get; set; }
}

internal sealed class CautionEntry : SourcedEntry
{
    public string? Id { get; set; }

    public List<string>? Drugs { get; set; }

    public string? Factor { get; set; }

    public int? AgeMin { get; set; }

    public string? Severity { get; set; }

    public string? AppliesTo { get; set; }

    public int? StoppedWithinDays { get; set; }

    public string? UnlessFactor { get; set; }

    public bool? BoxedWarning { get; set; }

    public string? Rationale { get; set; }

    public string? Action { get; set; }
}

internal sealed class InteractionsFile
{
    public List<InteractionEntry>? Interactions { get; set; }
}

internal sealed class InteractionEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Kind { get; set; }

    public List<string>? A { get; set; }

    public List<string>? B { get; set; }

    /// <summary>Combination rules: the third side (knowledge-format-safety.md §5.4).</summary>
    public List<string>? C { get; set; }

    public string? BVaccines { get; set; }

    public string? Group { get; set; }

    public int? MinCount { get; set; }

    public int? AgeMin { get; set; }

    public string? Severity { get; set; }

    public bool? OncHighPriority { get; set; }

    public Dictionary<string, int>? WashoutDays { get; set; }

    public string? Mechanism { get; set; }

    public string? Management { get; set; }

    /// <summary>Live-vaccine rules: what to do when the vaccine was already given (not proposed), and how severe that is.</summary>
    public string? ManagementGiven { get; set; }

    public string? SeverityGiven { get; set; }
}

internal sealed class VaccinesFile
{
    public List<VaccineEntry>? Vaccines { get; set; }
}

internal sealed class VaccineEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Live { get; set; }

    public bool? AntibodyProduct { get; set; }

    public List<string>? Cvx { get; set; }
}

internal sealed class DosesFile
{
    public List<DoseEntry>? Doses { get; set; }

    public List<MmeFactorEntry>? MmeFactors { get; set; }
}

internal sealed class DoseEntry : SourcedEntry
{
    public string? Id { get; set; }

    public string? Drug { get; set; }

    public string? Kind { get; set; }

    public QuantityEntry? MaxDaily { get; set; }

    public string? Factor { get; set; }

    public List<string>? WithDrugs { get; set; }

    public string? Measure { get; set; }

    public List<RenalBandEntry>? Bands { get; set; }

    public string? Pattern { get; set; }

    public decimal? MinMme { get; set; }

    /// <summary>Kind max-weekly (knowledge-format-safety.md §7.3).</summary>
    public QuantityEntry? MaxWeekly { get; set; }

    /// <summary>Kind companion: drugs of which one should be taken with the drug (§7.3).</summary>
    public List<string>? Companions { get; set; }

    public string? Severity { get; set; }

    public string? Rationale { get; set; }

    public string? Action { get; set; }
}

internal sealed class RenalBandEntry : SafetyEntry
{
    public decimal? CrclMin { get; set; }

    public decimal? CrclBelow { get; set; }

    public QuantityEntry? MaxDaily { get; set; }
}

internal sealed class MmeFactorEntry : SourcedEntry
{
    public string? Drug { get; set; }

    public decimal? Factor { get; set; }

    /// <summary><c>mg</c> (daily oral dose, the default) or <c>mcg/h</c> (transdermal delivery rate).</summary>
    public string? Per { get; set; }

    /// <summary>Why the source gives no factor; replaces <c>factor</c>.</summary>
    public string? NoFactor { get; set; }
}
