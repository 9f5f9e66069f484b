using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Interactions;

/// <summary>
/// Drug x live vaccine (knowledge-format-safety.md §5.3): a completed immunization with a live vaccine given while the drug was taken
/// (on or after its start, not after its end), or a current or proposed order coded with a live vaccine's CVX.
/// A vaccine whose live status is unknown (an "unspecified formulation" code, or a CVX code vaccines.yaml does
/// not list) gives the finding one severity lower, asking to check the formulation.
/// </summary>
internal static class LiveVaccineChecker
{
    // How long after an immune globulin immunization a live vaccine is still flagged is a local convention
    // (conventions.yaml immune-globulin-live-vaccine-days), wider than the "several months" of the label text:
    // the ACIP interval depends on the dose and is not encoded.
    private const string ImmuneGlobulin = "immune-globulin";

    public static IReadOnlyList<InteractionFinding> Check(SafetyContext context)
    {
        List<InteractionFinding>? findings = null;
        List<Exposure>? exposures = null;
        foreach (var rule in context.Rules.LiveVaccineInteractions)
        {
            var immuneGlobulin = rule.A.Contains(ImmuneGlobulin) && !context.Patient.Immunizations.IsEmpty;
            if (!immuneGlobulin && !context.HasActiveAny(rule.A))
            {
                continue;
            }

            var takers = Takers(context, rule);
            if (immuneGlobulin)
            {
                takers.AddRange(ImmuneGlobulinImmunizations(context));
            }

            if (takers.Count == 0)
            {
                continue;
            }

            // Exposures are built on first need: a patient on none of these drugs costs nothing here.
            exposures ??= Exposures(context);

            foreach (var taker in takers)
            {
                foreach (var exposure in exposures)
                {
                    var same = exposure.Fact.ResourceId == taker.Fact.ResourceId && exposure.Fact.ResourceType == taker.Fact.ResourceType;
                    if (exposure.Live == VaccineLiveness.NotLive || same || !During(exposure, taker, context.AsOf, context.Rules.Conventions.ImmuneGlobulinLiveVaccineDays))
                    {
                        continue;
                    }

                    var unknown = exposure.Live == VaccineLiveness.Unknown;
                    var notes = new List<string> { exposure.Description };
                    if (unknown)
                    {
                        notes.Add("whether this vaccine is live is unknown: check the formulation");
                    }

                    // A vaccine already given is a different finding from one proposed: it cannot be withheld, only reviewed.
                    var given = !exposure.IsOrder && rule.ManagementGiven is not null;
                    var severity = given ? rule.SeverityGiven!.Value : rule.Severity;
                    (findings ??= []).Add(new InteractionFinding
                    {
                        RuleId = given ? $"{rule.Id}-given" : rule.Id,
                        Kind = InteractionKind.LiveVaccine,
                        Severity = unknown ? severity.OneLower() : severity,
                        OncHighPriority = rule.OncHighPriority,
                        IngredientIds = taker.Ingredients,
                        Facts = [taker.Fact, exposure.Fact],
                        Codes = [.. taker.Codes, exposure.Code],
                        Mechanism = rule.Mechanism,
                        Management = given ? rule.ManagementGiven! : rule.Management,
                        Sources = context.Cite(rule.SourceIds),
                        Notes = [.. notes],
                    });
                }
            }
        }

        return (IReadOnlyList<InteractionFinding>?)findings ?? [];
    }

    /// <summary>Someone taking a drug of side a: a medication order, or an immune globulin immunization.</summary>
    private sealed record Taker
    {
        public required FactReference Fact { get; init; }

        public required LocalDate? Start { get; init; }

        public required LocalDate? End { get; init; }

        public required bool IsCurrent { get; init; }

        public required ImmutableArray<Code> Codes { get; init; }

        public required ImmutableArray<string> Ingredients { get; init; }

        public bool IsImmunization { get; init; }
    }

    /// <summary>A vaccine given (immunization) or ordered (a CVX-coded medication).</summary>
    private sealed record Exposure(FactReference Fact, Code Code, VaccineLiveness Live, LocalDate? Date, bool IsOrder, string Description);

    private static bool During(Exposure exposure, Taker taker, LocalDate asOf, int immuneGlobulinDays)
    {
        // A live vaccine ordered now while the drug is taken or proposed: no dates to compare.
        if (exposure.IsOrder)
        {
            return !taker.IsImmunization || (taker.Start is { } given && given >= asOf.PlusDays(-immuneGlobulinDays));
        }

        if (exposure.Date is not { } date || date > asOf)
        {
            return false;
        }

        // Vaccines given before the drug started do not fire; without a start, only a current drug counts.
        if (taker.Start is { } start ? date < start : !taker.IsCurrent)
        {
            return false;
        }

        return taker.End is not { } end || date <= end;
    }

    private static List<Exposure> Exposures(SafetyContext context)
    {
        var exposures = new List<Exposure>();
        foreach (var immunization in context.Immunizations)
        {
            if (immunization.Status != "completed" || Classify(context, immunization.Vaccine, "Immunization", immunization.ResourceId, listUnrecognised: true) is not { } found)
            {
                continue;
            }

            exposures.Add(new Exposure(
                FactReferences.Of(immunization, found.Live == VaccineLiveness.Live ? "live vaccine given" : "vaccine given"),
                found.Code, found.Live, immunization.Occurrence, false, $"{found.Name} (CVX {found.Code.Value}) given {FactReferences.Date(immunization.Occurrence)}"));
        }

        foreach (var medication in context.Active)
        {
            if (Classify(context, medication.Fact.Medication, medication.Fact.ResourceType, medication.Fact.ResourceId, listUnrecognised: false) is { } found)
            {
                exposures.Add(new Exposure(
                    FactReferences.Of(medication.Fact), found.Code, found.Live, medication.Fact.Start, true,
                    $"{found.Name} (CVX {found.Code.Value}) {FactReferences.UseRole(medication.Fact)}"));
            }
        }

        return exposures;
    }

    // Medications with unknown codes are listed as unrecognised by the Assessor already; immunizations here.
    private static (Code Code, VaccineLiveness Live, string Name)? Classify(SafetyContext context, CodedText concept, string resourceType, string resourceId, bool listUnrecognised)
    {
        (Code Code, VaccineLiveness Live, string Name)? unlisted = null;
        foreach (var code in concept.Codes)
        {
            if (code.System != CodeSystems.Cvx)
            {
                continue;
            }

            if (context.Rules.VaccinesByCvx.TryGetValue(Vaccine.NormaliseCvx(code.Value), out var vaccine))
            {
                return vaccine.AntibodyProduct ? null : (code, vaccine.Live, vaccine.Name);
            }

            unlisted ??= (code, VaccineLiveness.Unknown, concept.DisplayFor(code));
        }

        if (unlisted is { } u)
        {
            var reason = "CVX code not in Relief's vaccine list: whether the vaccine is live is unknown";
            if (listUnrecognised)
            {
                context.Unrecognised.Add(new UnrecognisedCode(u.Code.ToString(), u.Name, resourceType, resourceId, reason));
            }

            context.Quality.Add(DataQualityKind.UnknownVaccineCode, $"CVX {u.Code.Value} ({u.Name}) is not in Relief's vaccine list: whether it is live is unknown", $"{resourceType}/{resourceId}");
        }

        return unlisted;
    }

    // An immune globulin recorded as an immunization counts as the drug immune-globulin (knowledge-format-safety.md §6): its
    // passive antibodies blunt a live vaccine given after it.
    private static IEnumerable<Taker> ImmuneGlobulinImmunizations(SafetyContext context)
    {
        foreach (var immunization in context.Immunizations)
        {
            if (immunization.Status != "completed" || immunization.Occurrence is not { } given || given > context.AsOf)
            {
                continue;
            }

            foreach (var code in immunization.Vaccine.Codes)
            {
                if (code.System == CodeSystems.Cvx && context.Rules.VaccinesByCvx.TryGetValue(Vaccine.NormaliseCvx(code.Value), out var vaccine) && vaccine.AntibodyProduct)
                {
                    yield return new Taker
                    {
                        Fact = FactReferences.Of(immunization, "immune globulin given"),
                        Start = given,
                        End = given.PlusDays(context.Rules.Conventions.ImmuneGlobulinLiveVaccineDays),
                        IsCurrent = false,
                        Codes = [code],
                        Ingredients = [ImmuneGlobulin],
                        IsImmunization = true,
                    };
                    break;
                }
            }
        }
    }

    // The current and proposed orders of the rule's drugs; apart from Check so the captured rule is allocated only for a
    // rule whose drugs the patient takes, not for every rule looked at.
    private static List<Taker> Takers(SafetyContext context, Interaction rule)
    {
        return context.Active.Where(m => m.Ingredients.Any(i => rule.A.Contains(i.DrugId)))
            .Select(m => new Taker
            {
                Fact = FactReferences.Of(m.Fact),
                Start = m.Fact.Start,
                End = m.Fact.End,
                IsCurrent = m.Fact.Use == MedicationUse.Current,
                Codes = [.. SafetyContext.CodesOf(m)],
                Ingredients = [.. m.Ingredients.Select(i => i.DrugId).Where(rule.A.Contains)],
            })
            .ToList();
    }
}
