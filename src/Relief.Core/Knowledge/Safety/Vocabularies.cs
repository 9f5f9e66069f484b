namespace Relief.Core.Knowledge.Safety;

// The other closed vocabularies of the safety files (knowledge-format-safety.md §11: "in their vocabularies").

/// <summary>Which medications a caution is checked for (knowledge-format-safety.md §4).</summary>
public enum AppliesTo
{
    Any,

    /// <summary>Only orders not yet started: the label forbids starting, or the check belongs at initiation.</summary>
    Proposed,
    Current,

    /// <summary>
    /// Only a past order stopped within the caution's <c>stopped-within-days</c>, while no current or proposed order of
    /// the drug exists: a drug that stays in the body for long after it is stopped (leflunomide's teriflunomide).
    /// </summary>
    Stopped,
}

/// <summary>Which condition statuses count for a factor (knowledge-format-safety.md §2).</summary>
public enum ConditionStatusRule
{
    /// <summary>Active, recurrence, relapse or no status, and believed.</summary>
    Current,

    /// <summary>Any clinical status except refuted or entered in error: history counts (malignancy, falls).</summary>
    Ever,
}

/// <summary>How kidney function is measured for a factor or a renal dose band (knowledge-format-safety.md §2.2).</summary>
public enum KidneyMeasure
{
    Crcl,
    Egfr,
}

public enum InteractionKind
{
    /// <summary>One drug from side a with a different drug from side b.</summary>
    Pair,

    /// <summary>So many distinct ingredients of a group (Beers: three or more CNS-active drugs).</summary>
    Count,

    /// <summary>A drug from side a with a live vaccine.</summary>
    LiveVaccine,

    /// <summary>One drug from each of sides a, b and c, three different ingredients ("triple whammy").</summary>
    Combination,
}

/// <summary>Whether a vaccine (CVX) is live; unknown for "unspecified formulation" codes.</summary>
public enum VaccineLiveness
{
    Live,
    NotLive,
    Unknown,
}

public enum DoseRuleKind
{
    MaxDaily,
    RenalBands,
    Pattern,
    MmeDaily,

    /// <summary>A daily maximum per kg of real body weight (hydroxychloroquine 5 mg/kg, AAO 2016).</summary>
    MaxDailyPerKg,

    /// <summary>A weekly maximum (methotrexate): the daily dose times 7.</summary>
    MaxWeekly,

    /// <summary>A companion drug that should be taken with the drug (folic acid with methotrexate); fires when none is.</summary>
    Companion,
}

/// <summary>How a threshold compares the latest result (knowledge-format-safety.md §8.2).</summary>
public enum Comparator
{
    LessThan,
    GreaterThan,
    LessOrEqual,
    GreaterOrEqual,

    /// <summary>Latest exceeds the lowest earlier result within over-days by more than value percent.</summary>
    RisePercent,

    /// <summary>Latest exceeds value times the result's own reference high.</summary>
    MultipleOfUln,
}

public enum BaselineLevel
{
    Required,
    Consider,
}

/// <summary>When a monitoring schedule's clock starts (knowledge-format-safety.md §8.2).</summary>
public enum ScheduleClock
{
    SinceStart,

    /// <summary>Restarts at each dose change (BSR: after a dose increase, 2-weekly again until stable).</summary>
    SinceStartOrDoseChange,
}

public enum ResponseDecisionKind
{
    Continue,
    Reconsider,
    Stop,
    TooEarly,
}

public enum TaperPer
{
    Week,
    Month,
}

/// <summary>The machine-readable gradual-withdrawal criteria of knowledge-format-safety.md §10.4.</summary>
public enum WithdrawalRule
{
    /// <summary>A run of more than days-over days above value mg/day (as the equivalent-of ingredient).</summary>
    MinDailyDoseAndDays,

    /// <summary>A course longer than days-over days.</summary>
    MinCourseDays,
}

/// <summary>How a factor's observation criterion compares its one result (knowledge-format-safety.md §2).</summary>
public enum ObservationComparison
{
    Below,
    Above,
    Positive,
    ValueCodes,
    ValueTextContains,
    PhenotypeIn,
}

public static class ComparatorNames
{
    public static string Symbol(this Comparator comparator) => comparator switch
    {
        Comparator.LessThan => "<",
        Comparator.GreaterThan => ">",
        Comparator.LessOrEqual => "<=",
        Comparator.GreaterOrEqual => ">=",
        Comparator.RisePercent => "rise-percent",
        Comparator.MultipleOfUln => "multiple-of-uln",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, "Not a comparator."),
    };

    public static bool TryParse(string? text, out Comparator comparator)
    {
        foreach (var candidate in Enum.GetValues<Comparator>())
        {
            if (candidate.Symbol() == text)
            {
                comparator = candidate;
                return true;
            }
        }

        comparator = default;
        return false;
    }
}
