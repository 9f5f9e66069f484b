using System.Collections.Frozen;
using System.Text;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Doses;

/// <summary>
/// Works out a daily dose from a FHIR dosage (knowledge-format-safety.md §7.1): the amount per administration in mg (a mass dose
/// converted through units.yaml, or a count of tablets times the strength in the product name) times the
/// administrations per day (frequency / period). Several dosages of one order are added (split doses). A
/// dosage without a frequency but with a period is once per period, as FHIR R4 says for Timing.repeat.
/// </summary>
internal sealed class DailyDoseCalculator(SafetyContext context)
{
    // Units that count dose forms, so the strength in the product name gives the mass.
    private static readonly FrozenSet<string> CountUnits = new[]
    {
        "1", "tablet", "tablets", "tab", "tabs", "tbl", "capsule", "capsules", "cap", "caps", "each", "ea", "pill", "pills",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, decimal> DaysPerPeriodUnit = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["s"] = 1m / 86400,
        ["min"] = 1m / 1440,
        ["h"] = 1m / 24,
        ["d"] = 1,
        ["wk"] = 7,
        ["mo"] = 30,
        ["a"] = 365,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The dose, without its explanation: the text is written by <see cref="Explain"/> when a finding first reads it
    /// (most doses are under every limit, and the text was most of a dose's cost).
    /// </summary>
    public MedicationDose Compute(ResolvedMedication medication, string ingredientId) => Run(medication, ingredientId, null);

    /// <summary>
    /// The explanation of a computed dose ("50 mg 1 per 1 d = 50 mg/day"), from the same steps as <see cref="Compute"/>
    /// (<c>DailyDoseExplanationTests</c> compares it with the text written during the computation); "" when not computable.
    /// </summary>
    public string Explain(ResolvedMedication medication, string ingredientId)
    {
        var explanation = new StringBuilder();
        return Run(medication, ingredientId, explanation).Problem is null ? explanation.ToString() : "";
    }

    /// <summary>The dose and, into <paramref name="explanation"/> when given, the text saying how it was worked out.</summary>
    internal MedicationDose Run(ResolvedMedication medication, string ingredientId, StringBuilder? explanation)
    {
        var dosages = medication.Fact.Dosages;
        if (dosages.IsDefaultOrEmpty)
        {
            return Fail(medication, ingredientId, "no dosage instructions");
        }

        var withText = explanation is not null;
        decimal total = 0, administrations = 0;
        var asNeeded = false;
        foreach (var dosage in dosages)
        {
            var (perDay, timingProblem, timing) = AdministrationsPerDay(dosage, withText);
            if (perDay is null)
            {
                return Fail(medication, ingredientId, timingProblem!);
            }

            var (mg, amountProblem, amount) = AmountMg(dosage, medication, ingredientId, withText);
            if (mg is null)
            {
                return Fail(medication, ingredientId, amountProblem!);
            }

            total += mg.Value * perDay.Value;
            administrations += perDay.Value;
            asNeeded |= dosage.AsNeeded;
            if (explanation is not null)
            {
                if (explanation.Length > 0)
                {
                    explanation.Append(" + ");
                }

                explanation.Append(amount).Append(' ').Append(timing);
                if (dosage.AsNeeded)
                {
                    explanation.Append(" as needed");
                }
            }
        }

        total = Math.Round(total, 6);
        explanation?.Append(" = ").Append(FactReferences.Format(total)).Append(" mg/day");
        return new MedicationDose
        {
            Medication = medication,
            IngredientId = ingredientId,
            MgPerDay = total,
            AdministrationsPerDay = administrations,
            AsNeeded = asNeeded,
            Explainer = this,
            Problem = null,
        };
    }

    /// <summary>Administrations per day from the timing; null with a reason when the timing does not say.</summary>
    public static (decimal? PerDay, string? Problem, string Text) AdministrationsPerDay(DosageFact dosage) => AdministrationsPerDay(dosage, true);

    // The text only when asked for (an explanation being written).
    private static (decimal? PerDay, string? Problem, string Text) AdministrationsPerDay(DosageFact dosage, bool withText)
    {
        if (dosage.Frequency is null && dosage.Period is null)
        {
            return (null, "no timing (frequency and period)", "");
        }

        if (dosage.Period is not { } period || period <= 0)
        {
            return (null, "timing has a frequency but no period", "");
        }

        if (dosage.PeriodUnit is null || !DaysPerPeriodUnit.TryGetValue(dosage.PeriodUnit, out var days))
        {
            return (null, $"period unit '{dosage.PeriodUnit}' is not s, min, h, d, wk, mo or a", "");
        }

        // Rounded so that decimal division does not turn "once a week" into 1.0000000000000000000000000003 a week.
        var frequency = dosage.Frequency ?? 1;
        var perDay = Math.Round(frequency / (period * days), 9);
        return (perDay, null, withText ? $"{frequency} per {FactReferences.Format(period)} {dosage.PeriodUnit}" : "");
    }

    private (decimal? Mg, string? Problem, string Text) AmountMg(DosageFact dosage, ResolvedMedication medication, string ingredientId, bool withText)
    {
        if (dosage.DoseValue is not { } dose)
        {
            return (null, "no dose quantity", "");
        }

        var units = context.Rules.Units;
        var unit = units.Normalise(dosage.DoseUnit, dosage.DoseUnit);
        if (unit is not null && units.TryConvert(dose, unit, "mg", null, out var mg))
        {
            // A mass for a combination product does not say which ingredient it is of.
            return medication.Ingredients.Length > 1
                ? (null, $"a dose of {FactReferences.Format(dose)} {dosage.DoseUnit} of a combination product does not say which ingredient it measures", "")
                : (mg, null, withText ? $"{FactReferences.Format(mg)} mg" : "");
        }

        var countUnit = dosage.DoseUnit?.Trim().Trim('{', '}');
        if (string.IsNullOrEmpty(countUnit) || CountUnits.Contains(countUnit))
        {
            if (ProductStrengths.For(context.Knowledge).Find(medication, ingredientId) is not { } strength)
            {
                return (null, $"the strength of {ingredientId} is not stated in the product name", "");
            }

            var amount = dose * strength.Mg;
            return (amount, null, withText ? $"{FactReferences.Format(dose)} x {FactReferences.Format(strength.Mg)} mg ({strength.Name})" : "");
        }

        return (null, $"dose unit '{dosage.DoseUnit}' is neither a mass unit Relief converts nor a count of tablets or capsules", "");
    }

    private static MedicationDose Fail(ResolvedMedication medication, string ingredientId, string problem) =>
        new MedicationDose
        {
            Medication = medication,
            IngredientId = ingredientId,
            MgPerDay = null,
            AdministrationsPerDay = null,
            AsNeeded = medication.Fact.Dosages.Any(d => d.AsNeeded),
            Explainer = null,
            Problem = problem,
        };
}
