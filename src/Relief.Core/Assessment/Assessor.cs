using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// The engine: a pure function of a patient record, the knowledge base and a date. No I/O and no clock:
/// the caller says what "today" is, so the same inputs always give the same assessment.
/// </summary>
public sealed class Assessor
{
    private readonly KnowledgeBase _knowledge;
    private readonly OptionRanker _optionRanker;
    private readonly MedicationReviewer _reviewer;

    /// <summary>Builds the engine for one knowledge base; work that depends only on the knowledge is done here, once.</summary>
    public Assessor(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _knowledge = knowledge;
        _optionRanker = new OptionRanker(knowledge);
        _reviewer = new MedicationReviewer(knowledge);
    }

    public PatientAssessment Assess(PatientRecord patient, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var unrecognised = ImmutableArray.CreateBuilder<UnrecognisedCode>();

        var conditions = ConditionMatcher.Match(patient, asOf, _knowledge, unrecognised);
        var medications = patient.Medications
            .Where(m => m.Use is MedicationUse.Current or MedicationUse.Proposed)
            .Select(m => (Fact: m, Ingredients: MedicationResolver.Resolve(m.Medication, _knowledge)))
            .ToImmutableArray();

        foreach (var (fact, ingredients) in medications)
        {
            if (ingredients.IsEmpty)
            {
                ReportUnresolved(fact, unrecognised);
            }
        }

        var conditionAssessments = conditions
            .Select(c => new ConditionAssessment(c.Condition.Id, c.Condition.Name, c.RecordedAs, _optionRanker.Rank(c, patient, medications)))
            .ToImmutableArray();

        var reviews = medications
            .Select(m => _reviewer.Review(m.Fact, m.Ingredients, conditions, asOf))
            .ToImmutableArray();

        return new PatientAssessment
        {
            PatientId = patient.Id,
            AsOf = asOf,
            Age = patient.AgeOn(asOf),
            Sex = patient.Sex,
            KnowledgeVersion = _knowledge.Manifest.Version,
            Conditions = conditionAssessments,
            Medications = reviews,
            Unrecognised = unrecognised.ToImmutable(),
            InactiveConditionsNotAssessed = patient.Conditions.Count(c => !c.IsCurrent),
        };
    }

    private static void ReportUnresolved(MedicationFact fact, ImmutableArray<UnrecognisedCode>.Builder unrecognised)
    {
        if (fact.Medication.Codes.IsEmpty)
        {
            unrecognised.Add(new UnrecognisedCode("(no code)", fact.Medication.Text, fact.ResourceType, fact.ResourceId, "medication has no code and its text names no known ingredient"));
            return;
        }

        foreach (var code in fact.Medication.Codes)
        {
            var reason = code.System == CodeSystems.RxNorm
                ? "RxNorm code not in the product table and its name gives no known ingredient"
                : $"medication code system {CodeSystems.ShortName(code.System)} is not read by Relief";
            unrecognised.Add(new UnrecognisedCode(code.ToString(), fact.Medication.DisplayFor(code), fact.ResourceType, fact.ResourceId, reason));
        }
    }
}
