using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Opioids;
using Relief.Core.Patients;
using Relief.Core.Safety;
using Relief.Core.Safety.Response;

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
    private readonly FindingProjection _findings;
    private readonly OpioidReview _opioids;
    private readonly ResolvedConcepts _ingredients;
    private readonly Func<MedicationFact, ResolvedMedication> _resolvePast;

    /// <summary>Builds the engine for one knowledge base; work that depends only on the knowledge is done here, once.</summary>
    public Assessor(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _knowledge = knowledge;
        _optionRanker = new OptionRanker(knowledge);
        _reviewer = new MedicationReviewer(knowledge);
        _findings = new FindingProjection(knowledge);
        _opioids = new OpioidReview(knowledge);
        _ingredients = ResolvedConcepts.For(knowledge);
        _resolvePast = fact => new ResolvedMedication(fact, _ingredients.Resolve(fact.Medication));
    }

    /// <summary>The knowledge base this engine applies.</summary>
    public KnowledgeBase Knowledge => _knowledge;

    public PatientAssessment Assess(PatientRecord patient, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var unrecognised = ImmutableArray.CreateBuilder<UnrecognisedCode>();

        var setAside = ImmutableArray.CreateBuilder<SetAsideCondition>();
        var conditions = ConditionMatcher.Match(patient, asOf, _knowledge, unrecognised, setAside);

        // Ingredients are resolved once here and shared by the evidence review and every safety check.
        var active = ResolveActive(patient);
        var medications = active.Select(m => (m.Fact, m.Ingredients)).ToImmutableArray();

        foreach (var (fact, ingredients) in medications)
        {
            if (ingredients.IsEmpty)
            {
                ReportUnresolved(fact, unrecognised);
            }
        }

        var patientTherapies = conditions.IsEmpty ? null : PatientTherapies.Collect(patient, medications, _knowledge);
        var conditionAssessments = _optionRanker.MarkCrossConditionConflicts(conditions
            .Select(c => new ConditionAssessment(c.Condition.Id, c.Condition.Name, c.RecordedAs, _optionRanker.Rank(c, patientTherapies!)))
            .ToImmutableArray());

        var reviews = medications
            .Select(m => _reviewer.Review(m.Fact, m.Ingredients, conditions, asOf))
            .ToImmutableArray();

        var safety = SafetyEngine.Assess(patient, asOf, _knowledge, active, PastResolver());
        unrecognised.AddRange(safety.Unrecognised);

        var dataQuality = DataQuality(patient, asOf, safety.DataQuality);

        if (patient.DeceasedOnOrBefore(asOf))
        {
            return DeceasedAssessment(patient, asOf, conditionAssessments, unrecognised.ToImmutable());
        }

        var projected = Project(patient, asOf, safety, dataQuality);
        return new PatientAssessment
        {
            PatientId = patient.Id,
            PatientName = patient.Name,
            BirthDate = patient.BirthDate,
            AsOf = asOf,
            Age = patient.AgeOn(asOf),
            Sex = patient.Sex,
            KnowledgeVersion = _knowledge.Manifest.Version,
            Conditions = conditionAssessments,
            ConditionsSetAside = setAside.ToImmutable(),
            Medications = reviews,
            Unrecognised = unrecognised.ToImmutable(),
            InactiveConditionsNotAssessed = patient.Conditions.Count(c => !c.IsCurrent),
            Safety = projected.Safety,
            Monitoring = projected.Monitoring,
            Response = projected.Response,
            DataQuality = projected.DataQuality,
            Findings = projected.Findings,
        };
    }

    /// <summary>
    /// A patient who has died: the fact comes first and no current-therapy advice is given (no options, reviews,
    /// safety, monitoring or "continue" response findings); the recognised conditions stay as facts.
    /// </summary>
    private PatientAssessment DeceasedAssessment(
        PatientRecord patient, LocalDate asOf, ImmutableArray<ConditionAssessment> conditions, ImmutableArray<UnrecognisedCode> unrecognised)
    {
        var notes = DeceasedNotes(patient);
        return new PatientAssessment
        {
            PatientId = patient.Id,
            PatientName = patient.Name,
            BirthDate = patient.BirthDate,
            AsOf = asOf,
            Age = DeceasedAge(patient, asOf),
            Sex = patient.Sex,
            Deceased = new Deceased(patient.DeceasedOn),
            KnowledgeVersion = _knowledge.Manifest.Version,
            Conditions = [.. conditions.Select(c => c with { Options = [] })],
            Unrecognised = unrecognised,
            InactiveConditionsNotAssessed = patient.Conditions.Count(c => !c.IsCurrent),
            DataQuality = notes,
            Findings = _findings.Project(SafetyReport.Empty, [], [], notes).Findings,
        };
    }

    /// <summary>
    /// Only what a population screen keeps of <see cref="Assess"/>: the findings and the age, the same values
    /// (<c>AssessorFindingsOnlyTests</c> compares them), without the evidence review (condition matching, option
    /// ranking, medication reviews) that no finding depends on and that costs most of a patient's assessment.
    /// </summary>
    public FindingsAssessment AssessFindings(PatientRecord patient, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(patient);
        if (patient.DeceasedOnOrBefore(asOf))
        {
            return new FindingsAssessment(_findings.Project(SafetyReport.Empty, [], [], DeceasedNotes(patient)).Findings, DeceasedAge(patient, asOf));
        }

        var safety = SafetyEngine.Assess(patient, asOf, _knowledge, ResolveActive(patient), PastResolver());
        var projected = Project(patient, asOf, safety, DataQuality(patient, asOf, safety.DataQuality));
        return new FindingsAssessment(projected.Findings, patient.AgeOn(asOf));
    }

    private ProjectedFindings Project(PatientRecord patient, LocalDate asOf, SafetyResults safety, ImmutableArray<DataQualityNote> dataQuality) =>
        _findings.Project(safety.Report, safety.Monitoring, safety.Response, dataQuality, _opioids.Review(patient, asOf));

    private static ImmutableArray<DataQualityNote> DataQuality(PatientRecord patient, LocalDate asOf, ImmutableArray<DataQualityNote> safetyNotes) =>
        patient.BirthDate is { } born && born > asOf
            ? safetyNotes.Insert(0, new DataQualityNote(
                DataQualityKind.ImplausibleValue,
                $"birth date {born:yyyy-MM-dd} is after the assessment date {asOf:yyyy-MM-dd}: age unknown, age-based rules not applied",
                $"Patient/{patient.Id}"))
            : safetyNotes;

    private static ImmutableArray<DataQualityNote> DeceasedNotes(PatientRecord patient)
    {
        var when = patient.DeceasedOn is { } died ? $"on {died:yyyy-MM-dd}" : "(date not recorded)";
        return [new(DataQualityKind.PatientDeceased, $"the record says the patient died {when}: no current-therapy advice is given", $"Patient/{patient.Id}")];
    }

    private static int? DeceasedAge(PatientRecord patient, LocalDate asOf) => patient.AgeOn(patient.DeceasedOn is { } d && d < asOf ? d : asOf);

    /// <summary>
    /// How to stop one of the patient's current medications (knowledge-format-safety.md §10 item 5: a discontinuation being signed), with
    /// the taper entries for each of its ingredients. Empty when the resource is not a current medication or
    /// no taper entry names its ingredients.
    /// </summary>
    public ImmutableArray<TaperAdvice> TaperGuidance(PatientRecord patient, string medicationResourceId, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var active = ResolveActive(patient);
        var medication = active.FirstOrDefault(m => m.Fact.ResourceId == medicationResourceId && m.Fact.Use == MedicationUse.Current);
        if (medication is null)
        {
            return [];
        }

        var context = new SafetyContext(patient, asOf, _knowledge, active, PastResolver());
        return [.. medication.Ingredients.SelectMany(i => TaperAdvisor.For(context, medication, i.DrugId))];
    }

    private ImmutableArray<ResolvedMedication> ResolveActive(PatientRecord patient)
    {
        var medications = patient.Medications;
        var count = 0;
        foreach (var medication in medications)
        {
            if (medication.Use is MedicationUse.Current or MedicationUse.Proposed)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var active = ImmutableArray.CreateBuilder<ResolvedMedication>(count);
        foreach (var medication in medications)
        {
            if (medication.Use is MedicationUse.Current or MedicationUse.Proposed)
            {
                active.Add(new ResolvedMedication(medication, _ingredients.Resolve(medication.Medication)));
            }
        }

        return active.MoveToImmutable();
    }

    // Past orders are resolved only when a check needs that order (washout, course start, dose change); records renew
    // the same product many times, and each concept is resolved once (ResolvedConcepts).
    // One delegate per engine, not one per assessment.
    private Func<MedicationFact, ResolvedMedication> PastResolver() => _resolvePast;

    private void ReportUnresolved(MedicationFact fact, ImmutableArray<UnrecognisedCode>.Builder unrecognised)
    {
        if (fact.Medication.Codes.IsEmpty)
        {
            unrecognised.Add(new UnrecognisedCode("(no code)", fact.Medication.Text, fact.ResourceType, fact.ResourceId, "medication has no code and its text names no known ingredient"));
            return;
        }

        foreach (var code in fact.Medication.Codes)
        {
            // A vaccine ordered by CVX code is read by the live-vaccine checks when vaccines.yaml knows it.
            if (code.System == CodeSystems.Cvx && _knowledge.Safety.VaccinesByCvx.ContainsKey(Vaccine.NormaliseCvx(code.Value)))
            {
                continue;
            }

            var reason = code.System switch
            {
                CodeSystems.RxNorm => "RxNorm code not in the product table and its name gives no known ingredient",
                CodeSystems.Cvx => "CVX code not in Relief's vaccine list: whether the vaccine is live is unknown",
                _ => $"medication code system {CodeSystems.ShortName(code.System)} is not read by Relief",
            };
            unrecognised.Add(new UnrecognisedCode(code.ToString(), fact.Medication.DisplayFor(code), fact.ResourceType, fact.ResourceId, reason));
        }
    }
}
