using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// A medicine the knowledge recommends for the same condition as an unsafe draft order, which Relief assessed for
/// this patient in the draft's place and found no contraindicated or major problem with.
/// </summary>
/// <param name="Draft">The draft order it would replace.</param>
/// <param name="ConditionName">The patient's condition both are for (the draft's indication as the knowledge knows it).</param>
/// <param name="Option">The alternative's row in that condition's evidence ranking (grade, line, statements and their sources).</param>
/// <param name="RxNorm">The alternative's RxNorm ingredient code, from knowledge/drugs.yaml.</param>
public sealed record DraftAlternative(DraftOrder Draft, string ConditionName, TherapyOption Option, Code RxNorm);

/// <summary>
/// "Replace a draft with a safer alternative", never invented: the alternative is the best-ranked drug the evidence
/// recommends (strong or weak for, sources agreeing, no other condition of the patient's against it) for a condition
/// the drafted medicine is itself assessed for; that the patient does not already have, of another class than the draft
/// and the patient's other medicines; and that, put in the draft's
/// place and assessed with the whole record, has no contraindicated or major caution, interaction, dose or opioid
/// finding. Its dose is not known here (the prescriber chooses it), so dose rules cannot judge it: the card says so.
/// </summary>
public static class SaferAlternatives
{
    /// <summary>Candidates assessed per draft at most: each costs one assessment of the record, and the first safe one wins.</summary>
    public const int MaxCandidates = 4;

    public static ImmutableArray<DraftAlternative> Find(Assessor assessor, CdsRecord record, PatientAssessment assessment, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(assessment);
        var found = ImmutableArray.CreateBuilder<DraftAlternative>();
        foreach (var draft in record.DraftOrders)
        {
            if (!draft.Selected || draft.Intent != DraftOrderIntent.Start || !IsUnsafe(assessment.Findings, draft.Reference))
            {
                continue;
            }

            if (First(assessor, record, assessment, draft, asOf) is { } alternative)
            {
                found.Add(alternative);
            }
        }

        return found.ToImmutable();
    }

    /// <summary>A contraindicated or major finding that names the draft (a missing baseline test is not a reason to replace a medicine).</summary>
    public static bool IsUnsafe(IEnumerable<Finding> findings, string reference) =>
        findings.Any(f => f.Severity is Severity.Contraindicated or Severity.Major
            && f.Family is FindingFamily.Caution or FindingFamily.Interaction or FindingFamily.Dose or FindingFamily.Opioid
            && f.Facts.Any(fact => fact.Reference == reference));

    private static DraftAlternative? First(Assessor assessor, CdsRecord record, PatientAssessment assessment, DraftOrder draft, LocalDate asOf)
    {
        var review = assessment.Medications.FirstOrDefault(m => m.ResourceType == draft.ResourceType && m.ResourceId == draft.Id);
        var fact = record.Record.Medications.FirstOrDefault(m => m.ResourceType == draft.ResourceType && m.ResourceId == draft.Id);
        if (review is null || fact is null || review.Findings.IsEmpty)
        {
            // The knowledge does not know what the draft is for in this patient: no "same indication" to replace it within.
            return null;
        }

        var drafted = review.Ingredients.Select(i => i.DrugId).ToHashSet(StringComparer.Ordinal);
        var taken = TakenClasses(assessor.Knowledge, assessment, review);
        var indications = review.Findings.Select(f => f.ConditionId).ToHashSet(StringComparer.Ordinal);
        var tried = 0;
        foreach (var condition in assessment.Conditions.Where(c => indications.Contains(c.ConditionId)))
        {
            foreach (var option in condition.Options)
            {
                if (tried >= MaxCandidates)
                {
                    return null;
                }

                var rxnorm = option.Codes.FirstOrDefault(c => c.System == CodeSystems.RxNorm);
                if (!IsCandidate(option, drafted) || rxnorm.System != CodeSystems.RxNorm
                    || (assessor.Knowledge.Drugs.TryGetValue(option.TherapyId, out var drug) && drug.ClassId is { } drugClass && taken.Contains(drugClass)))
                {
                    continue;
                }

                tried++;
                if (IsSafeInPlaceOf(assessor, record.Record, fact, option, rxnorm, asOf))
                {
                    return new DraftAlternative(draft, condition.Name, option, rxnorm);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The drug classes of the draft and of the patient's other current and proposed medicines: an alternative of the
    /// same class would duplicate one (pregabalin beside gabapentin) or share the draft's problem (a gabapentinoid for a
    /// gabapentin dose too high for the kidneys), so it is not offered.
    /// </summary>
    private static HashSet<string> TakenClasses(KnowledgeBase knowledge, PatientAssessment assessment, MedicationReview draft) =>
        assessment.Medications
            .Where(m => ReferenceEquals(m, draft) || m.Use is MedicationUse.Current or MedicationUse.Proposed)
            .SelectMany(m => m.Ingredients)
            .Select(i => knowledge.Drugs.TryGetValue(i.DrugId, out var d) ? d.ClassId : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsCandidate(TherapyOption option, HashSet<string> drafted) =>
        option.Kind == TherapyKind.Drug
        && option.Grade.IsFor()
        && !option.Contested
        && option.ConflictsWithOtherConditions.IsEmpty
        && option.PatientResources.IsEmpty
        && !drafted.Contains(option.TherapyId);

    /// <summary>The record with the draft replaced by a proposed order of the alternative (same id, no dose), assessed as a whole.</summary>
    private static bool IsSafeInPlaceOf(Assessor assessor, PatientRecord patient, MedicationFact draft, TherapyOption option, Code rxnorm, LocalDate asOf)
    {
        var alternative = draft with
        {
            Medication = new CodedText([rxnorm], option.Name),
            Dosages = [],
            SupplyDays = null,
            DispenseQuantity = null,
            DispenseUnit = null,
        };
        var swapped = patient with
        {
            Medications = [.. patient.Medications.Select(m => ReferenceEquals(m, draft) ? alternative : m)],
        };
        var reassessed = assessor.Assess(swapped, asOf);
        return !IsUnsafe(reassessed.Findings, $"{draft.ResourceType}/{draft.ResourceId}");
    }
}
