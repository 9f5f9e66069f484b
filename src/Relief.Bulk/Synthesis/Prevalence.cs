namespace Relief.Bulk.Synthesis;

/// <summary>
/// How common each condition and co-prescription is in the synthetic adult population. Each figure names its
/// source in docs/synth.md (table "Prevalence"), or is marked there as an illustrative assumption.
/// </summary>
internal static class Prevalence
{
    /// <summary>A condition's prevalence among adults, and how much more common it is in women than in men.</summary>
    public sealed record ConditionRate(string ConditionId, double Overall, double FemaleToMale, int MinAge = 0);

    public static readonly ConditionRate[] Conditions =
    [
        new("fibromyalgia", 0.027, 3.0),                  // Queiroz 2013: 2.7% worldwide, 4.2% women vs 1.4% men
        new("me-cfs", 0.013, 1.9),                        // Vahratian 2023 (NCHS Data Brief 488): 1.3% of US adults
        new("chronic-primary-pain", 0.204, 1.1),          // Zelaya 2020 (NCHS Data Brief 390): 20.4% chronic pain
        new("neuropathic-pain", 0.03, 1.0),               // illustrative: part of the 7-10% of van Hecke 2014 coded as such
        new("painful-diabetic-neuropathy", 0.024, 1.0),   // diabetes ~11% (CDC) x painful DPN 21% (Abbott 2011)
        new("postherpetic-neuralgia", 0.003, 1.0, 50),    // illustrative assumption, adults 50 and over only
        new("ra-pain", 0.0046, 2.5),                      // Almutairi 2021: 460 per 100,000
        new("sle-pain", 0.00073, 9.0),                    // Izmirly 2021: 72.8 per 100,000, ~9:1 women
        new("ms-pain", 0.0031, 2.8),                      // Wallin 2019: 309 per 100,000 adults, 2.8:1 women
    ];

    /// <summary>Adults taking an antidepressant in the past 30 days (Brody and Gu 2020, NCHS Data Brief 377: 13.2%).</summary>
    public const double Antidepressant = 0.132;

    /// <summary>Opioid users also on a benzodiazepine (Sun 2017, BMJ: 17% in 2013).</summary>
    public const double OpioidWithBenzodiazepine = 0.17;

    /// <summary>Opioid users also on a gabapentinoid: illustrative assumption.</summary>
    public const double OpioidWithGabapentinoid = 0.20;

    /// <summary>Patients on a DMARD whose blood monitoring is overdue: illustrative assumption.</summary>
    public const double MonitoringOverdue = 0.20;

    /// <summary>Patients on a DMARD whose latest result crossed a BSR action threshold: illustrative assumption.</summary>
    public const double MonitoringOutOfRange = 0.10;

    /// <summary>Methotrexate prescribed daily instead of weekly: illustrative, far above the real (rare) rate so that cohorts of thousands contain cases.</summary>
    public const double MethotrexateDailyError = 0.03;

    /// <summary>Patients whose response drug was started within the score series (the others started long ago): illustrative.</summary>
    public const double ResponseSeries = 0.6;

    /// <summary>Age bands of the adults generated (25 to 89): roughly the US adult age structure, illustrative.</summary>
    public static readonly (int Min, int Max, double Share)[] AgeBands = [(25, 44, 0.38), (45, 64, 0.37), (65, 89, 0.25)];
}
