using NodaTime;

namespace Relief.Bulk.Synthesis;

/// <summary>How conditions and treatments are drawn.</summary>
public enum CohortMix
{
    /// <summary>Population prevalence (docs/synth.md): most patients have none of the conditions.</summary>
    Realistic,

    /// <summary>Every patient has one covered condition and one of its regimens, with every variant likely: for tests of every rule.</summary>
    Enriched,
}

/// <summary>
/// Decides one patient from the cohort seed and the patient's index alone: demographics, conditions, regimens,
/// co-prescriptions, laboratory history and pain-score series, then what a correct screen must find.
/// </summary>
internal sealed class PatientPlanner(SynthesisCatalog catalog, LocalDate asOf, ulong seed, CohortMix mix)
{
    private static readonly string[] ResponseTypes = ["responder", "responder", "responder", "responder", "partial", "non-responder", "non-responder", "worse", "too-early"];

    public PatientPlan Plan(long index)
    {
        var random = new SeededRandom(seed, (ulong)index);
        var age = Age(ref random);
        var plan = new PatientPlan
        {
            Id = $"syn-{seed:x}-{index:D7}",
            BirthDate = asOf.PlusYears(-age).PlusDays(-random.Between(1, 364)),
            Female = random.Chance(0.51),
        };
        age = Period.Between(plan.BirthDate, asOf, PeriodUnits.Years).Years;

        foreach (var conditionId in Conditions(ref random, plan.Female, age))
        {
            plan.Conditions.Add(new PlannedCondition(catalog.Condition(conditionId), asOf.PlusDays(-random.Between(400, 4000))));
            var regimens = Regimens.For(conditionId);
            if (Choose(ref random, regimens) is { } regimen)
            {
                Prescribe(ref random, plan, regimen);
            }
        }

        CoPrescribe(ref random, plan);
        ExpectedFindings.Fill(plan, asOf, age);
        return plan;
    }

    private int Age(ref SeededRandom random)
    {
        var roll = random.NextDouble();
        foreach (var (min, max, share) in Prevalence.AgeBands)
        {
            if (roll < share)
            {
                return random.Between(min, max);
            }

            roll -= share;
        }

        return random.Between(Prevalence.AgeBands[^1].Min, Prevalence.AgeBands[^1].Max);
    }

    private IEnumerable<string> Conditions(ref SeededRandom random, bool female, int age)
    {
        var chosen = new List<string>();
        if (mix == CohortMix.Enriched)
        {
            var eligible = Prevalence.Conditions.Where(c => age >= c.MinAge).ToList();
            chosen.Add(random.Pick(eligible).ConditionId);
            return chosen;
        }

        foreach (var rate in Prevalence.Conditions)
        {
            // Split the overall rate between the sexes (half the population each) in the stated ratio.
            var bySex = rate.Overall * 2 * (female ? rate.FemaleToMale : 1) / (rate.FemaleToMale + 1);
            if (age >= rate.MinAge && random.Chance(bySex))
            {
                chosen.Add(rate.ConditionId);
            }
        }

        return chosen;
    }

    private Regimen? Choose(ref SeededRandom random, IReadOnlyList<Regimen> regimens)
    {
        if (regimens.Count == 0)
        {
            return null;
        }

        if (mix == CohortMix.Enriched)
        {
            return random.Pick(regimens);
        }

        var roll = random.NextDouble();
        foreach (var regimen in regimens)
        {
            if (roll < regimen.Share)
            {
                return regimen;
            }

            roll -= regimen.Share;
        }

        return null;
    }

    private void Prescribe(ref SeededRandom random, PatientPlan plan, Regimen regimen)
    {
        var lines = regimen.Drugs;
        var variant = "";
        if (regimen.Protocol == "methotrexate" && random.Chance(Rate(Prevalence.MethotrexateDailyError)))
        {
            lines = [.. lines.Select(l => l.Product == SynthesisCatalog.Methotrexate25 ? Regimens.MethotrexateDaily : l)];
            variant = "-methotrexate-daily";
        }

        // A drug the patient already takes for another condition is not prescribed twice.
        lines = [.. lines.Where(l => !plan.Medications.Any(m => catalog.Product(l.Product).Ingredients.Any(m.Has)))];
        if (lines.Length == 0)
        {
            return;
        }

        // Long-term treatment by default: started 7 months to 4 years ago.
        var start = asOf.PlusDays(-random.Between(200, 1500));
        var response = regimen.ResponseIngredient is { } ingredient
            && lines.Any(l => catalog.Product(l.Product).Ingredients.Contains(ingredient))
            && !plan.Scenarios.Any(s => s.StartsWith("response:", StringComparison.Ordinal))
            && random.Chance(mix == CohortMix.Enriched ? 0.8 : Prevalence.ResponseSeries)
                ? random.Pick(ResponseTypes)
                : null;
        if (response is not null)
        {
            // A series follows the drug from its start; only duloxetine (no monitoring protocol) is also shown too early.
            if (response == "too-early" && regimen.ResponseIngredient != "duloxetine")
            {
                response = "responder";
            }

            start = response == "too-early" ? asOf.PlusDays(-random.Between(14, 25)) : asOf.PlusDays(-random.Between(95, 270));
            if (plan.Medications.Count > 0 && plan.Medications.Max(m => m.Start) >= start.PlusDays(-65))
            {
                // Another drug started during the series would get a response finding of its own: keep series apart.
                response = null;
                start = asOf.PlusDays(-random.Between(200, 1500));
            }
        }

        if (response is null && SeriesStart(plan) is { } series && start > series.PlusDays(-45))
        {
            // Keep every other start out of the series, so only the series drug has a baseline score.
            start = series.PlusDays(-45 - random.Between(0, 300));
        }

        foreach (var line in lines)
        {
            plan.Medications.Add(Planned(line, catalog.Product(line.Product), start));
        }

        plan.Scenarios.Add(regimen.Name + variant);
        if (regimen.Protocol is { } protocol)
        {
            LabHistory(ref random, plan, protocol, start);
        }

        if (response is not null)
        {
            PainSeries(ref random, plan, regimen.ResponseIngredient!, start, response);
        }
    }

    private double Rate(double realistic) => mix == CohortMix.Enriched ? Math.Min(0.5, realistic * 4) : realistic;

    /// <summary>Co-prescribing: benzodiazepines and gabapentinoids with opioids; antidepressants for depression.</summary>
    private void CoPrescribe(ref SeededRandom random, PatientPlan plan)
    {
        var opioidStart = plan.Medications.Where(m => ExpectedFindings.IsOpioid(m)).Select(m => (LocalDate?)m.Start).FirstOrDefault();
        if (opioidStart is { } start)
        {
            if (random.Chance(Rate(Prevalence.OpioidWithBenzodiazepine)))
            {
                AddLine(plan, random.Pick(Regimens.Benzodiazepines), start.PlusDays(random.Between(0, 60)), "with-benzodiazepine");
            }

            if (random.Chance(Rate(Prevalence.OpioidWithGabapentinoid)))
            {
                AddLine(plan, Regimens.OpioidGabapentinoid, start.PlusDays(random.Between(0, 60)), "with-gabapentinoid");
            }
        }

        if (random.Chance(mix == CohortMix.Enriched ? 0.3 : Prevalence.Antidepressant))
        {
            // Started before any score series, so no response finding can belong to it.
            var earliest = plan.Medications.Count == 0 ? asOf : plan.Medications.Min(m => m.Start);
            AddLine(plan, random.Pick(Regimens.Antidepressants), Min(earliest, asOf.PlusDays(-200)).PlusDays(-random.Between(60, 900)), "with-antidepressant");
        }
    }

    // One prescription line as a planned order of a product, from a start date.
    private static PlannedMedication Planned(Prescription line, SynthProduct product, LocalDate start) => new()
    {
        Product = product,
        Start = start,
        Dose = line.Dose,
        DoseUnit = line.Unit,
        Frequency = line.Frequency,
        Period = line.Period,
        PeriodUnit = line.PeriodUnit,
        AsNeeded = line.AsNeeded,
    };

    private void AddLine(PatientPlan plan, Prescription line, LocalDate start, string scenario)
    {
        var product = catalog.Product(line.Product);
        if (plan.Medications.Any(m => product.Ingredients.Any(m.Has)))
        {
            return;
        }

        // Co-prescriptions start with or after the drug they accompany but never inside a pain-score series.
        if (SeriesStart(plan) is { } series && start > series.PlusDays(-45))
        {
            start = series.PlusDays(-60);
        }

        plan.Medications.Add(Planned(line, product, Min(start, asOf.PlusDays(-100))));
        plan.Scenarios.Add(scenario);
    }

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;

    private static LocalDate? SeriesStart(PatientPlan plan)
    {
        LocalDate? first = null;
        foreach (var result in plan.Results)
        {
            if (result.Test.Id == SynthesisCatalog.PainInstrumentId && (first is null || result.Date < first))
            {
                first = result.Date;
            }
        }

        return first;
    }

    /// <summary>
    /// Laboratory history for a DMARD: a baseline set before the start, then sets every 12 weeks (BSR 2017's
    /// long-term interval) up to a recent one; "overdue" stops the sets 100 days or more ago; "out of range" makes
    /// the latest ALT or white cell count cross the BSR action threshold.
    /// </summary>
    private void LabHistory(ref SeededRandom random, PatientPlan plan, string protocol, LocalDate start)
    {
        var roll = random.NextDouble();
        var overdue = Rate(Prevalence.MonitoringOverdue);
        var variant = roll < overdue ? "overdue" : roll < overdue + Rate(Prevalence.MonitoringOutOfRange) ? random.Pick(["alt-high", "wbc-low"]) : "monitored";
        var last = variant == "overdue" ? asOf.PlusDays(-random.Between(100, 400)) : asOf.PlusDays(-random.Between(5, 75));
        var dates = new List<LocalDate>();
        for (var date = last; date > start; date = date.PlusDays(-84))
        {
            dates.Add(date);
        }

        dates.Add(start.PlusDays(-random.Between(1, 20)));
        dates.Reverse();
        var creatinine = (decimal)random.Between(60, 90);
        foreach (var date in dates)
        {
            var latest = date == dates[^1] && date > start;
            Result(plan, "wbc", date, latest && variant == "wbc-low" ? random.Between(25, 33) / 10m : random.Between(45, 90) / 10m);
            Result(plan, "neutrophils", date, random.Between(25, 60) / 10m);
            Result(plan, "platelets", date, random.Between(180, 350));
            Result(plan, "creatinine", date, creatinine + random.Between(-3, 3));
            Result(plan, "alt", date, latest && variant == "alt-high" ? random.Between(105, 180) : random.Between(12, 35));
            Result(plan, "albumin", date, random.Between(38, 46));
        }

        plan.Scenarios.Add($"monitoring:{protocol}:{variant}");
        ExpectedFindings.Monitoring(plan, protocol, variant);
    }

    private void Result(PatientPlan plan, string test, LocalDate date, decimal value) =>
        plan.Results.Add(new PlannedResult(catalog.Test(test), date, value));

    /// <summary>
    /// Pain scores (LOINC 72514-3) from shortly before the start, then about monthly: responders fall to 60% of
    /// the baseline or less, partial responders by 1 point, non-responders stay level, "worse" rises by a point.
    /// </summary>
    private void PainSeries(ref SeededRandom random, PatientPlan plan, string ingredient, LocalDate start, string type)
    {
        var baseline = random.Between(6, 9);
        var final = type switch
        {
            "responder" => random.Between(1, baseline * 6 / 10),
            "partial" => baseline - 1,
            "non-responder" => baseline,
            "worse" => baseline + 1,
            _ => random.Between(baseline - 1, baseline + 1),
        };
        var pain = catalog.Test(SynthesisCatalog.PainInstrumentId);
        var first = start.PlusDays(-random.Between(0, 20));
        plan.Results.Add(new PlannedResult(pain, first, baseline));
        var dates = new List<LocalDate>();
        for (var date = start.PlusDays(random.Between(7, 12)); date <= asOf; date = date.PlusDays(random.Between(26, 35)))
        {
            dates.Add(date);
        }

        if (dates.Count == 0)
        {
            dates.Add(asOf);
        }

        for (var i = 0; i < dates.Count; i++)
        {
            // Linear from the baseline to the final score; the last score is exactly the final one.
            var value = i == dates.Count - 1 ? final : baseline + (final - baseline) * (i + 1) / dates.Count;
            plan.Results.Add(new PlannedResult(pain, dates[i], value));
        }

        plan.Scenarios.Add($"response:{ingredient}:{type}");
        ExpectedFindings.Response(plan, ingredient, baseline, final, start, asOf);
    }
}
