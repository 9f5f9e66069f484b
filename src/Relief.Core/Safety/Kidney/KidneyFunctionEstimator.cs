using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Kidney;

/// <summary>
/// The patient's kidney function on asOf (knowledge-format-safety.md §2.2): the latest eGFR, and a creatinine clearance by
/// Cockcroft-Gault, or the eGFR standing in for it (and saying so). Raw values are compared; the
/// <see cref="ComputedValue"/>s are rounded for display.
/// </summary>
internal sealed record KidneyFunction(ComputedValue? Crcl, decimal? RawCrcl, ComputedValue? Egfr, decimal? RawEgfr)
{
    public bool CrclIsSurrogate => Crcl?.Method == KidneyFunctionEstimator.EgfrSurrogate;
}

internal static class KidneyFunctionEstimator
{
    public const string CockcroftGault = "cockcroft-gault";
    public const string EgfrSurrogate = "egfr-surrogate";

    // Windows for the inputs: local conventions (knowledge-format-safety.md §2.2, review doc section 4), not guideline numbers.

    private const string EgfrUnit = "mL/min/{1.73_m2}";

    public static KidneyFunction Estimate(SafetyContext context)
    {
        var observations = context.Observations;
        ComputedValue? egfr = null;
        decimal? rawEgfr = null;
        if (observations.Latest("egfr", context.AsOf, context.Rules.Conventions.KidneyEgfrWithinDays) is { } egfrResult
            && context.TryValue(egfrResult, "egfr", EgfrUnit, null, out var egfrValue))
        {
            rawEgfr = egfrValue;
            egfr = new ComputedValue("egfr", Math.Round(egfrValue, 1), EgfrUnit, "latest result", [Input("egfr", egfrResult, egfrValue, EgfrUnit)]);
        }

        var creatinine = observations.Latest("creatinine", context.AsOf, context.Rules.Conventions.KidneyCreatinineWithinDays);
        var weight = observations.Latest("body-weight", context.AsOf, context.Rules.Conventions.KidneyWeightWithinDays);
        if (creatinine is not null && weight is not null && context.Age is { } age
            && context.TryValue(creatinine, "creatinine", "mg/dL", null, out var scr) && scr > 0
            && context.TryValue(weight, "body-weight", "kg", null, out var kg) && kg > 0)
        {
            // CrCl = (140 - age) x weight / (72 x serum creatinine in mg/dL), x 0.85 for women (Cockcroft & Gault 1976).
            var notes = ImmutableArray.CreateBuilder<string>();
            var female = context.Patient.Sex != AdministrativeSex.Male;
            if (context.Patient.Sex is AdministrativeSex.Unknown or AdministrativeSex.Other)
            {
                notes.Add("sex not recorded as male or female: the female factor 0.85 is used (the lower estimate)");
            }

            var crcl = (140 - age) * kg / (72 * scr) * (female ? 0.85m : 1m);
            var inputs = ImmutableArray.Create(
                Input("creatinine", creatinine, scr, "mg/dL"),
                Input("weight", weight, kg, "kg"),
                new ComputedInput("age", $"{age} years"),
                new ComputedInput("sex", female ? "female (x 0.85)" : "male"));
            var value = new ComputedValue("crcl", Math.Round(crcl, 1), "mL/min", CockcroftGault, inputs) { Notes = notes.ToImmutable() };
            return new KidneyFunction(value, crcl, egfr, rawEgfr);
        }

        if (egfr is not null)
        {
            var surrogate = new ComputedValue("crcl", egfr.Value, "mL/min", EgfrSurrogate, egfr.Inputs)
            {
                Notes = ["eGFR used in place of creatinine clearance (no creatinine within 90 days with a weight within 365 days and a known age)"],
            };
            return new KidneyFunction(surrogate, rawEgfr, egfr, rawEgfr);
        }

        return new KidneyFunction(null, null, null, null);
    }

    private static ComputedInput Input(string name, ObservationFact result, decimal converted, string unit)
    {
        var reference = FactReferences.Of(result);
        var asRecorded = result.UnitCode ?? result.Unit;
        var text = $"{FactReferences.Format(converted)} {unit}";
        if (asRecorded != unit && result.Value is { } raw)
        {
            text += $" (recorded {FactReferences.Format(raw)} {asRecorded})";
        }

        return new ComputedInput(name, $"{text} on {FactReferences.Date(reference.Date)}", reference.Reference);
    }
}
