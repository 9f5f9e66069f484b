using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Opioids;
using Relief.Core.Patients;

namespace Relief.Core.Opioids;

/// <summary>
/// The CDC 2022 opioid guideline applied to one record (docs/opioid-review.md). Two moments, as in the reference
/// CDS: when an opioid is being ordered (a draft order: order-select, order-sign) the prescribing recommendations
/// (1, 2, 3, 4-5, 6, 9) are checked against that order; at any time (patient-view) the ongoing ones (3 for an
/// ER/LA opioid started in an opioid-naive patient, 7, 8, 10, 11, 12) are checked against current therapy. Patients
/// the guideline excludes (under 18, end of life, active cancer, sickle cell disease) and inpatient orders get no
/// opioid findings, except recommendation 12 (opioid use disorder), which applies to every adult.
/// </summary>
public sealed class OpioidReview
{
    private readonly OpioidKnowledge _opioids;
    private readonly MedicationClassifier _classifier;
    private readonly UrineDrugTests _urine;
    private readonly OpioidFindingFactory _findings;

    public OpioidReview(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _opioids = knowledge.Opioids;
        _classifier = new MedicationClassifier(knowledge);
        _urine = new UrineDrugTests(knowledge);
        _findings = new OpioidFindingFactory(knowledge);
    }

    public ImmutableArray<Finding> Review(PatientRecord patient, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(patient);
        if (!_opioids.IsEnabled)
        {
            return [];
        }

        // Most records have no opioid or benzodiazepine order to review and no opioid use disorder: they are told apart
        // first, without building an order object per order (long records hold a hundred orders).
        var windows = _opioids.Windows!;
        var drafts = Drafts(patient);
        var disorders = patient.AgeOn(asOf) is not { } age || age >= windows.AdultAge ? OpioidUseDisorders(patient) : null;
        if (disorders is null && !MayTrigger(patient, asOf, windows, drafts))
        {
            return [];
        }

        // Orders are first placed in their groups only: the days' supply and MME/day of every order (each monthly
        // refill) are worked out only when the review goes on.
        var grouped = Orders(patient, drafts);
        var findings = new List<Finding>();
        if (disorders is not null)
        {
            MedicationForOpioidUseDisorder(asOf, windows, grouped, disorders, findings);
        }

        var screening = new ReviewContext(patient, asOf, windows, grouped);
        if (screening.Triggers.Count == 0 && !grouped.Any(o => o.IsBenzodiazepine && !o.IsInpatient))
        {
            return [.. findings];
        }

        if (OpioidExclusions.Find(patient, asOf, _opioids) is not null)
        {
            return [.. findings];
        }

        var context = new ReviewContext(patient, asOf, screening.Windows, grouped.ConvertAll(_classifier.Complete));

        if (context.Ordering)
        {
            NonopioidFirstForAcutePain(context, findings);
            TreatmentPlan(context, findings);
            Dose(context, findings);
            AcuteDuration(context, findings);
            Pdmp(context, findings);
        }

        ImmediateRelease(context, findings);
        Reevaluation(context, findings);
        Naloxone(context, findings);
        Toxicology(context, findings);
        Benzodiazepines(context, findings);
        return [.. findings];
    }

    /// <summary>
    /// Every usable order, placed in its groups once (<see cref="MedicationClassifier.Groups"/>). A CDS Hooks request may
    /// repeat the draft in its prefetch under the same id: the copy is dropped when it is the same medication, so one
    /// order is not counted twice.
    /// </summary>
    private List<OpioidOrder> Orders(PatientRecord patient, List<MedicationFact>? drafts)
    {
        var orders = new List<OpioidOrder>(patient.Medications.Length);
        foreach (var medication in patient.Medications)
        {
            if (Usable(medication, drafts))
            {
                orders.Add(_classifier.Groups(medication));
            }
        }

        return orders;
    }

    private static List<MedicationFact>? Drafts(PatientRecord patient)
    {
        List<MedicationFact>? drafts = null;
        foreach (var medication in patient.Medications)
        {
            if (medication.Use == MedicationUse.Proposed)
            {
                (drafts ??= []).Add(medication);
            }
        }

        return drafts;
    }

    private static bool Usable(MedicationFact medication, List<MedicationFact>? drafts)
    {
        if (medication.Use == MedicationUse.Invalid)
        {
            return false;
        }

        if (medication.Use == MedicationUse.Proposed || drafts is null)
        {
            return true;
        }

        foreach (var draft in drafts)
        {
            if (draft.ResourceId == medication.ResourceId && draft.Medication.Codes.SequenceEqual(medication.Medication.Codes))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the review has something to review: a usable outpatient order that is a draft opioid or an active one
    /// (the review's triggers, <see cref="ReviewContext.Triggers"/>), or a benzodiazepine. Without one only
    /// recommendation 12 can fire. Past opioids alone (long records hold many) do not start a review.
    /// </summary>
    private bool MayTrigger(PatientRecord patient, LocalDate asOf, OpioidWindows windows, List<MedicationFact>? drafts)
    {
        foreach (var medication in patient.Medications)
        {
            if (!Usable(medication, drafts) || medication.Categories.Contains("inpatient"))
            {
                continue;
            }

            var (opioid, benzodiazepine) = _classifier.OpioidOrBenzodiazepine(medication);
            if (benzodiazepine || (opioid && (medication.Use == MedicationUse.Proposed || IsActive(medication, asOf, windows))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Current and written within the past two years (reference "Active Ambulatory ... Rx").</summary>
    private static bool IsActive(MedicationFact order, LocalDate asOf, OpioidWindows windows) =>
        order.Use == MedicationUse.Current
        && ((order.Authored ?? order.Start) is not { } written || (written >= asOf.PlusYears(-windows.ActiveOrderYears) && written <= asOf));

    // ---------------------------------------------------------------- recommendation 1
    private void NonopioidFirstForAcutePain(ReviewContext context, List<Finding> findings)
    {
        foreach (var draft in context.DraftOpioids.Where(o => context.IsAcute(o) && context.IsNaive(o)))
        {
            findings.Add(_findings.Make("cdc-2022/rec-1-acute-nonopioid", [draft.ToFact("being ordered")], $"{draft.Name}, {Days(draft.SupplyDays)}", [draft],
                notes: ["opioid-naive: no opioid order in the 90 days before today"]));
        }
    }

    // ---------------------------------------------------------------- recommendation 2
    private void TreatmentPlan(ReviewContext context, List<Finding> findings)
    {
        var drafts = context.DraftOpioids.Where(o => context.IsSubacute(o) && context.IsNaive(o)).ToList();
        if (drafts.Count == 0)
        {
            return;
        }

        var since = context.AsOf.PlusDays(-context.Windows.ReviewLookbackDays);
        var plans = Set("pain-treatment-plans");
        var reviews = Set("pain-management-procedures");
        var hasPlan = context.Patient.CarePlans.Any(p => p.Status is "active" or "completed" && plans.ContainsAny(p.Category.Codes)
                                                        && (Within(p.Created, since, context.AsOf) || Within(p.LastUpdated, since, context.AsOf)))
                      || context.Patient.Procedures.Any(p => p.Status == "completed" && reviews.ContainsAny(p.Concept.Codes) && Within(p.Performed, since, context.AsOf));
        if (!hasPlan)
        {
            findings.Add(_findings.Make("cdc-2022/rec-2-treatment-plan", drafts.Select(d => d.ToFact("being ordered")), string.Join(", ", drafts.Select(d => d.Name)), drafts));
        }
    }

    // ---------------------------------------------------------------- recommendation 3
    private void ImmediateRelease(ReviewContext context, List<Finding> findings)
    {
        if (context.Ordering)
        {
            foreach (var draft in context.DraftOpioids.Where(o => o.IsExtendedRelease && context.IsNaive(o)))
            {
                findings.Add(_findings.Make("cdc-2022/rec-3-immediate-release", [draft.ToFact("being ordered")], draft.Name, [draft],
                    notes: ["opioid-naive: no opioid order in the 90 days before today"]));
            }

            return;
        }

        // Reviewing current therapy: a current ER/LA order that started the patient on opioids (no opioid in the 90 days
        // before it, no earlier order of the same product: a renewal continues therapy, whatever the gap) and is still
        // the first prescription.
        foreach (var active in context.ActiveOpioids.Where(o => o.IsExtendedRelease && o.Written is not null))
        {
            var written = active.Written!.Value;
            var before = context.Orders.Any(o => o.IsOpioid && !o.IsDraft && !ReferenceEquals(o, active) && o.Written is { } w && w < written
                                                 && (w >= written.PlusDays(-context.Windows.NaiveLookbackDays) || SameProduct(o, active)));

            // Once renewed, the start is past and recommendations 7, 8 and 10 speak for the ongoing therapy.
            var renewed = context.Orders.Any(o => !ReferenceEquals(o, active) && !o.IsDraft && o.Written > written && SameProduct(o, active));
            if (!before && !renewed)
            {
                findings.Add(_findings.Make("cdc-2022/rec-3-immediate-release", [active.ToFact("current")], $"{active.Name}, started {written:yyyy-MM-dd}", [active],
                    notes: ["no other opioid order in the 90 days before it was started"]));
            }
        }
    }

    // ---------------------------------------------------------------- recommendations 4 and 5
    private void Dose(ReviewContext context, List<Finding> findings)
    {
        var drafts = context.DraftOpioids.Where(context.IsSubacute).ToList();
        if (drafts.Count == 0)
        {
            return;
        }

        var counted = drafts.Concat(context.CurrentTherapy.Where(context.IsLongTerm)).ToList();
        var (total, computed, unconverted) = Mme(counted);
        var w = context.Windows;
        if (total >= w.MmeReassess)
        {
            var severity = total >= w.MmeAvoid ? Severity.Major : (Severity?)null;
            var notes = new List<string> { total >= w.MmeAvoid ? $"{Number(w.MmeAvoid)} MME/day or more: avoid, or justify and document" : $"{Number(w.MmeReassess)} MME/day or more: reassess before any increase" };
            if (unconverted.Count > 0)
            {
                notes.Add($"a lower bound: not converted: {string.Join("; ", unconverted)}");
            }

            findings.Add(_findings.Make("cdc-2022/rec-4-5-dose", counted.Select(o => o.ToFact(o.IsDraft ? "being ordered" : "current")), $"{Number(total)} MME/day", counted, [computed], notes, severity));
        }
        else if (unconverted.Count > 0)
        {
            // Said, never silently counted as zero: a dose Relief could not convert is not a dose below 50.
            findings.Add(_findings.Make("cdc-2022/rec-4-5-dose", counted.Select(o => o.ToFact(o.IsDraft ? "being ordered" : "current")),
                $"MME/day could not be fully computed ({Number(total)} MME/day from what could)", counted, [computed], [.. unconverted.Select(u => $"not converted: {u}")],
                Severity.Info, isUnchecked: true));
        }
    }

    // ---------------------------------------------------------------- recommendation 6
    private void AcuteDuration(ReviewContext context, List<Finding> findings)
    {
        foreach (var draft in context.DraftOpioids.Where(o => context.IsAcute(o) && o.SupplyDays > context.Windows.AcuteMaxDays))
        {
            findings.Add(_findings.Make("cdc-2022/rec-6-acute-duration", [draft.ToFact("being ordered")], $"{draft.Name}, {Days(draft.SupplyDays)}", [draft]));
        }
    }

    // ---------------------------------------------------------------- recommendation 7
    private void Reevaluation(ReviewContext context, List<Finding> findings)
    {
        var triggers = context.Ordering ? context.DraftOpioids.Where(context.IsSubacute).ToList() : context.CurrentTherapy;
        if (triggers.Count == 0)
        {
            return;
        }

        var asOf = context.AsOf;
        var assessments = new[] { Set("opioid-misuse-assessments"), Set("opioid-treatment-assessments") };
        var assessed = context.Patient.Procedures.Any(p => p.Status is "completed" or "in-progress" && assessments.Any(s => s.ContainsAny(p.Concept.Codes))
                                                          && Within(p.Performed, asOf.PlusDays(-91), asOf.PlusDays(-1)));
        if (assessed)
        {
            return;
        }

        var w = context.Windows;
        var periods = context.Orders.Where(o => o.IsOpioid && !o.IsDraft && !o.IsInpatient && o.Period is not null).Select(o => o.Period!.Value).ToList();
        var shortDays = OpioidDays.During(periods, asOf.PlusDays(-w.ContinuityShortWindowDays), asOf);
        var officeVisits = Set("office-visits");
        var visit = context.Patient.Encounters.FirstOrDefault(e => officeVisits.ContainsAny(e.Type.Codes) && e.Status != "cancelled" && e.Status != "entered-in-error"
                                                                  && Within(e.Start, asOf.PlusMonths(-12).PlusDays(-1), asOf.PlusDays(-1)));
        var months = new[] { 3, 2, 1 }.Select(m => OpioidDays.During(periods, asOf.PlusMonths(-m), asOf.PlusMonths(-m + 1))).ToArray();
        string? reason = null;
        if (shortDays >= w.ContinuityShortMinDays && visit is not null)
        {
            reason = $"opioid on {shortDays} of the past {w.ContinuityShortWindowDays} days, with an office visit on {visit.Start:yyyy-MM-dd}";
        }
        else if (months.All(d => d >= w.ContinuityMonthMinDays))
        {
            reason = $"opioid on {string.Join(", ", months)} days of each of the past three months ({months.Sum()} of about 90)";
        }

        if (reason is null)
        {
            return;
        }

        var facts = triggers.Select(o => o.ToFact(o.IsDraft ? "being ordered" : "current")).ToList();
        if (visit is not null && shortDays >= w.ContinuityShortMinDays)
        {
            facts.Add(new FactReference("Encounter", visit.ResourceId, visit.Type.ToString(), visit.Start) { Role = "office visit" });
        }

        var computed = new ComputedValue("days-on-opioid", shortDays, "days", $"days covered by opioid orders in the past {w.ContinuityShortWindowDays} days",
            [new ComputedInput("per month, oldest first", string.Join(", ", months))]);
        findings.Add(_findings.Make("cdc-2022/rec-7-reevaluate", facts, reason, triggers, [computed], ["no benefit and harm assessment recorded in the past 90 days"]));
    }

    // ---------------------------------------------------------------- recommendation 8
    private void Naloxone(ReviewContext context, List<Finding> findings)
    {
        var triggers = context.Ordering ? context.DraftOpioids.Where(context.IsSubacute).ToList() : context.CurrentTherapy;
        if (triggers.Count == 0)
        {
            return;
        }

        if (context.Orders.Any(o => o.IsNaloxone && (o.IsDraft || context.IsActive(o))))
        {
            return;
        }

        var risks = new List<string>();
        var facts = triggers.Select(o => o.ToFact(o.IsDraft ? "being ordered" : "current")).ToList();
        var computed = new List<ComputedValue>();
        var counted = triggers.Concat(context.CurrentTherapy.Where(o => context.IsLongTerm(o) && !triggers.Contains(o))).ToList();
        var (total, mme, unconverted) = Mme(counted);
        var notes = new List<string>();
        if (total >= context.Windows.MmeReassess)
        {
            risks.Add($"{Number(total)} MME/day (at or above {Number(context.Windows.MmeReassess)})");
            computed.Add(mme);
        }

        if (unconverted.Count > 0)
        {
            notes.Add($"MME/day is a lower bound; not converted: {string.Join("; ", unconverted)}");
        }

        foreach (var benzo in context.Orders.Where(o => o.IsBenzodiazepine && !o.IsInpatient && (o.IsDraft || context.IsActive(o))))
        {
            risks.Add($"benzodiazepine ({benzo.Name})");
            facts.Add(benzo.ToFact("benzodiazepine"));
        }

        var misuse = new[] { Set("substance-misuse-conditions"), Set("opioid-use-disorders") };
        foreach (var condition in context.Patient.Conditions.Where(c => c.VerificationStatus is not (ConditionVerificationStatus.Refuted or ConditionVerificationStatus.EnteredInError)
                                                                        && misuse.Any(s => s.ContainsAny(c.Concept.Codes))))
        {
            risks.Add($"history of substance use disorder ({condition.Concept})");
            facts.Add(new FactReference("Condition", condition.ResourceId, condition.Concept.ToString(), condition.Onset ?? condition.Recorded) { Role = "risk factor" });
        }

        var counseling = Set("substance-misuse-counseling");
        foreach (var procedure in context.Patient.Procedures.Where(p => counseling.ContainsAny(p.Concept.Codes)))
        {
            risks.Add($"substance use counselling ({procedure.Concept})");
            facts.Add(new FactReference("Procedure", procedure.ResourceId, procedure.Concept.ToString(), procedure.Performed) { Role = "risk factor" });
        }

        if (risks.Count > 0)
        {
            findings.Add(_findings.Make("cdc-2022/rec-8-naloxone", facts, string.Join("; ", risks), triggers, computed, notes));
        }
        else if (unconverted.Count > 0)
        {
            // No risk factor found, but the dose could not be judged: said, so the silence is not read as an all-clear.
            findings.Add(_findings.Make("cdc-2022/rec-8-naloxone", facts, "overdose risk from the dose could not be judged", triggers, [mme], notes, Severity.Info, isUnchecked: true));
        }
    }

    // ---------------------------------------------------------------- recommendation 9
    private void Pdmp(ReviewContext context, List<Finding> findings)
    {
        var since = context.AsOf.PlusDays(-context.Windows.ReviewLookbackDays);
        var sets = new[] { Set("pdmp-review-procedures"), Set("pdmp-reviewed-findings") };

        // The reference looks for the review as a Procedure and the "review done" situation as an Observation; a
        // record may carry either code on either resource, and both mean the PDMP was reviewed.
        var reviewed = context.Patient.Procedures.Any(p => p.Status == "completed" && sets.Any(s => s.ContainsAny(p.Concept.Codes)) && Within(p.Performed, since, context.AsOf))
                       || context.Patient.Observations.Any(o => o.Status is "final" or "amended" or "corrected" && sets.Any(s => s.ContainsAny(o.Concept.Codes)) && Within(o.Effective, since, context.AsOf));
        if (!reviewed)
        {
            findings.Add(_findings.Make("cdc-2022/rec-9-pdmp", context.DraftOpioids.Select(d => d.ToFact("being ordered")), string.Join(", ", context.DraftOpioids.Select(d => d.Name)), context.DraftOpioids));
        }
    }

    // ---------------------------------------------------------------- recommendation 10
    private void Toxicology(ReviewContext context, List<Finding> findings)
    {
        var triggers = context.Ordering ? context.DraftOpioids.Where(context.IsSubacute).ToList() : context.CurrentTherapy.Where(context.IsLongTerm).ToList();
        if (triggers.Count == 0)
        {
            return;
        }

        var results = _urine.Read(context.Patient, context.AsOf);
        var triggerFacts = triggers.Select(o => o.ToFact(o.IsDraft ? "being ordered" : "current")).ToList();
        if (results.IsEmpty)
        {
            findings.Add(_findings.Make("cdc-2022/rec-10-no-screening", triggerFacts, null, triggers));
            return;
        }

        var illicit = results.Where(r => r.Screen?.Kind == UrineScreenKind.Illicit && r.Outcome == UrineOutcome.Positive).ToList();
        if (illicit.Count > 0)
        {
            findings.Add(_findings.Make("cdc-2022/rec-10-illicit-drug", triggerFacts.Concat(illicit.Select(r => Result(r, "positive"))), Summary(illicit), triggers));
        }

        var nonprescribed = results.Where(r => r.Screen?.Kind == UrineScreenKind.Nonprescribed && r.Outcome == UrineOutcome.Positive).ToList();
        if (nonprescribed.Count > 0)
        {
            findings.Add(_findings.Make("cdc-2022/rec-10-nonprescribed-substance", triggerFacts.Concat(nonprescribed.Select(r => Result(r, "positive"))), Summary(nonprescribed), triggers));
        }

        // Opioids prescribed in the past year (any order, drafts included) explain opioid analytes.
        var yearAgo = context.AsOf.PlusMonths(-context.Windows.ScreeningLookbackMonths);
        var prescribed = context.Orders.Where(o => o.IsOpioid && (o.IsDraft || o.Written is null || o.Written >= yearAgo)).ToList();
        var unprescribed = results.Where(r => r.Screen is { Kind: UrineScreenKind.Opioid } screen && r.Outcome == UrineOutcome.Positive
                                              && !prescribed.Any(o => o.IngredientIds.Any(screen.ExplainedBy.Contains))).ToList();
        if (unprescribed.Count > 0)
        {
            findings.Add(_findings.Make("cdc-2022/rec-10-unprescribed-opioid", triggerFacts.Concat(unprescribed.Select(r => Result(r, "positive"))), Summary(unprescribed), triggers));
        }

        // A prescribed opioid absent from the latest test of its analyte, taken while the order covered that day.
        var missing = new List<UrineResult>();
        foreach (var latest in results.Where(r => r.Screen is { Kind: UrineScreenKind.Opioid } && r.Outcome != UrineOutcome.Unknown)
                     .GroupBy(r => r.Screen!.Id)
                     .Select(g => g.OrderBy(r => r.Observation.Effective).ThenBy(r => r.Outcome).Last()))
        {
            var date = latest.Observation.Effective!.Value;
            var covering = context.Orders.Where(o => o.IsOpioid && !o.IsDraft && o.Period is { } p && p.Start <= date && date <= p.End
                                                      && o.IngredientIds.Any(latest.Screen!.ExplainedBy.Contains)).ToList();
            if (latest.Outcome == UrineOutcome.Negative && covering.Count > 0)
            {
                missing.Add(latest);
            }
        }

        if (missing.Count > 0)
        {
            findings.Add(_findings.Make("cdc-2022/rec-10-missing-prescribed-opioid", triggerFacts.Concat(missing.Select(r => Result(r, "negative"))), Summary(missing), triggers));
        }
    }

    // ---------------------------------------------------------------- recommendation 11
    private void Benzodiazepines(ReviewContext context, List<Finding> findings)
    {
        var opioids = context.Orders.Where(o => o.IsOpioid && !o.IsInpatient && (o.IsDraft || context.IsActive(o))).ToList();
        var benzos = context.Orders.Where(o => o.IsBenzodiazepine && !o.IsInpatient && (o.IsDraft || context.IsActive(o))).ToList();
        if (opioids.Count == 0 || benzos.Count == 0)
        {
            return;
        }

        var all = opioids.Concat(benzos).ToList();
        findings.Add(_findings.Make("cdc-2022/rec-11-benzodiazepine", all.Select(o => o.ToFact(o.IsDraft ? "being ordered" : "current")),
            $"{string.Join(", ", opioids.Select(o => o.Name))} with {string.Join(", ", benzos.Select(o => o.Name))}", all));
    }

    // ---------------------------------------------------------------- recommendation 12
    /// <summary>The current diagnoses of opioid use disorder, or null when there is none (most records).</summary>
    private List<ConditionFact>? OpioidUseDisorders(PatientRecord patient)
    {
        var disorders = Set("opioid-use-disorders");
        List<ConditionFact>? diagnoses = null;
        foreach (var condition in patient.Conditions)
        {
            if (condition.IsCurrent && disorders.ContainsAny(condition.Concept.Codes))
            {
                (diagnoses ??= []).Add(condition);
            }
        }

        return diagnoses;
    }

    private void MedicationForOpioidUseDisorder(LocalDate asOf, OpioidWindows windows, List<OpioidOrder> orders, List<ConditionFact> diagnoses, List<Finding> findings)
    {
        var since = asOf.PlusDays(-windows.ReviewLookbackDays);
        var treated = orders.Any(o => o.IsMoud && (o.IsDraft || o.IsCurrent || Within(o.Written, since, asOf)));
        if (!treated)
        {
            findings.Add(_findings.Make("cdc-2022/rec-12-moud",
                diagnoses.Select(c => new FactReference("Condition", c.ResourceId, c.Concept.ToString(), c.Recorded ?? c.Onset) { Role = "diagnosis" }),
                string.Join(", ", diagnoses.Select(c => c.Concept.ToString())),
                notes: ["no buprenorphine, methadone or naltrexone order current or in the past 90 days"]));
        }
    }

    // ---------------------------------------------------------------- helpers
    private (decimal Total, ComputedValue Computed, List<string> Unconverted) Mme(List<OpioidOrder> orders)
    {
        decimal total = 0;
        var inputs = ImmutableArray.CreateBuilder<ComputedInput>();
        var unconverted = new List<string>();
        foreach (var order in orders)
        {
            if (order.Mme is { } mme)
            {
                total += mme;
                inputs.Add(new ComputedInput(order.Name, $"{order.MmeMethod} = {Number(mme)} MME/day", order.Reference));
            }
            else
            {
                unconverted.Add($"{order.Name}: {order.MmeProblem}");
            }
        }

        return (total, new ComputedValue("mme-daily", total, "MME/day", "daily dose x CDC 2022 conversion factor, summed over opioid orders", inputs.ToImmutable())
        {
            Notes = [.. unconverted.Select(u => $"not converted: {u}")],
        }, unconverted);
    }

    private ValueSet Set(string id) => _opioids.ValueSets[id];

    private static bool SameProduct(OpioidOrder a, OpioidOrder b) =>
        a.Fact.Medication.Codes.Intersect(b.Fact.Medication.Codes).Any()
        || (a.Fact.Medication.Codes.IsDefaultOrEmpty && a.Name == b.Name);

    private static bool Within(LocalDate? date, LocalDate from, LocalDate to) => date is { } d && d >= from && d <= to;

    private static FactReference Result(UrineResult result, string role) =>
        new("Observation", result.Observation.ResourceId, result.Observation.Concept.ToString(), result.Observation.Effective)
        {
            Role = $"{role} for {result.Screen?.Name}",
        };

    private static string Summary(IEnumerable<UrineResult> results) =>
        string.Join("; ", results.GroupBy(r => r.Screen!.Name).Select(g => $"{g.Key} ({string.Join(", ", g.Select(r => r.Observation.Effective).OfType<LocalDate>().Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))})"));

    private static string Days(decimal? days) => days is { } d ? $"{Number(d)} days' supply" : "days' supply unknown";

    private static string Number(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The record, its classified orders, and the derived sets every rule uses.</summary>
    private sealed class ReviewContext
    {
        public ReviewContext(PatientRecord patient, LocalDate asOf, OpioidWindows windows, List<OpioidOrder> orders)
        {
            Patient = patient;
            AsOf = asOf;
            Windows = windows;
            Orders = orders;
            DraftOpioids = [.. orders.Where(o => o.IsOpioid && o.IsDraft && !o.IsInpatient)];
            ActiveOpioids = [.. orders.Where(o => o.IsOpioid && !o.IsInpatient && IsActive(o))];
            Ordering = DraftOpioids.Count > 0;

            // Records renew the same product again and again (often leaving each renewal "active"): current therapy is
            // the latest active order of each product, so a dose is counted once.
            CurrentTherapy = [.. ActiveOpioids
                .GroupBy(o => o.Fact.Medication.Codes.IsDefaultOrEmpty ? o.Name : o.Fact.Medication.Codes[0].ToString())
                .Select(g => g.OrderByDescending(o => o.Written).First())];
            Triggers = Ordering ? DraftOpioids : CurrentTherapy;
        }

        public PatientRecord Patient { get; }

        public LocalDate AsOf { get; }

        public OpioidWindows Windows { get; }

        public List<OpioidOrder> Orders { get; }

        public List<OpioidOrder> DraftOpioids { get; }

        public List<OpioidOrder> ActiveOpioids { get; }

        /// <summary>An opioid is being ordered now (order-select, order-sign); otherwise current therapy is reviewed.</summary>
        public bool Ordering { get; }

        public List<OpioidOrder> Triggers { get; }

        /// <summary>The latest active order of each opioid product.</summary>
        public List<OpioidOrder> CurrentTherapy { get; }

        /// <summary>
        /// Subacute or chronic therapy: an expected supply of 30 days or more, or (when the supply is not given) an
        /// earlier opioid order 30 days or more before this one within the active window: the patient has been on
        /// opioids for a month or longer.
        /// </summary>
        public bool IsLongTerm(OpioidOrder order) =>
            IsSubacute(order)
            || (order.SupplyDays is null && order.Written is { } written
                && Orders.Any(o => o.IsOpioid && !o.IsDraft && o.Written is { } w && w <= written.PlusDays(-Windows.SubacuteSupplyDays)
                                   && w >= AsOf.PlusYears(-Windows.ActiveOrderYears)));

        /// <summary>Current and written within the past two years (reference "Active Ambulatory ... Rx").</summary>
        public bool IsActive(OpioidOrder order) => OpioidReview.IsActive(order.Fact, AsOf, Windows);

        public bool IsSubacute(OpioidOrder order) => order.SupplyDays >= Windows.SubacuteSupplyDays;

        public bool IsAcute(OpioidOrder order) => order.SupplyDays < Windows.AcuteSupplyBelowDays;

        /// <summary>No other opioid order written in the past 90 days, the last 24 hours excluded (reference Routine #2).</summary>
        public bool IsNaive(OpioidOrder order) =>
            !Orders.Any(o => o.IsOpioid && !o.IsDraft && !ReferenceEquals(o, order) && o.Written is { } w
                             && w >= AsOf.PlusDays(-Windows.NaiveLookbackDays) && w <= AsOf.PlusDays(-1));
    }
}
