using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;
using Relief.Core.Safety.Courses;
using Relief.Core.Safety.Doses;
using Relief.Core.Safety.Factors;
using Relief.Core.Safety.Kidney;

namespace Relief.Core.Safety;

/// <summary>
/// One patient on one date, as every safety check sees it: the resolved medications, and lookups built
/// once and only when first needed (results by test, factor results, kidney function, daily doses, past
/// orders). Checks share it, so nothing is computed twice in one assessment.
/// </summary>
internal sealed class SafetyContext
{
    private readonly Func<MedicationFact, ResolvedMedication> _resolve;
    private readonly Dictionary<MedicationFact, ResolvedMedication> _pastResolved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Resource, string Ingredient), List<ResolvedMedication>> _courses = [];
    private ConditionIndex? _conditions;
    private readonly Dictionary<string, FactorResult> _factors = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Resource, string Ingredient), MedicationDose> _doses = [];
    private readonly Dictionary<string, IngredientDose> _ingredientDoses = new(StringComparer.Ordinal);
    private ObservationIndex? _observations;
    private KidneyFunction? _kidney;
    private FactorEvaluator? _factorEvaluator;
    private DailyDoseCalculator? _doseCalculator;
    private Dictionary<string, ActiveCourse>? _activeCourses;
    private ImmutableArray<ImmunizationFact> _immunizations;

    public SafetyContext(
        PatientRecord patient,
        LocalDate asOf,
        KnowledgeBase knowledge,
        ImmutableArray<ResolvedMedication> active,
        Func<MedicationFact, ResolvedMedication> resolve)
    {
        Patient = patient;
        AsOf = asOf;
        Age = patient.AgeOn(asOf);
        Knowledge = knowledge;
        Rules = knowledge.Safety;
        // Ordered by resource, not as the record lists them, so no finding depends on the record's order.
        // (Nothing to order for one or none: most records, and the sort's set-up cost more than the rest of this.)
        Active = active.Length < 2 ? active : [.. active.OrderBy(m => m.Reference, StringComparer.Ordinal)];
        _resolve = resolve;
    }

    public PatientRecord Patient { get; }

    public LocalDate AsOf { get; }

    public int? Age { get; }

    public KnowledgeBase Knowledge { get; }

    public SafetyKnowledge Rules { get; }

    /// <summary>Current and proposed medications, ordered by resource reference.</summary>
    public ImmutableArray<ResolvedMedication> Active { get; }

    /// <summary>The record's immunizations, ordered by resource id the first time a check reads them (only live-vaccine rules do).</summary>
    public ImmutableArray<ImmunizationFact> Immunizations
    {
        get
        {
            if (_immunizations.IsDefault)
            {
                var all = Patient.Immunizations;
                _immunizations = all.Length < 2 ? all : [.. all.OrderBy(i => i.ResourceId, StringComparer.Ordinal)];
            }

            return _immunizations;
        }
    }

    /// <summary>Conditions by code, built the first time a factor looks at conditions.</summary>
    public ConditionIndex Conditions => _conditions ??= new ConditionIndex(Patient);

    public DataQualityLog Quality { get; } = new();

    /// <summary>Codes Relief could not place, found by the safety checks (unknown CVX codes).</summary>
    public List<UnrecognisedCode> Unrecognised { get; } = [];

    public ObservationIndex Observations => _observations ??= new ObservationIndex(Patient, AsOf, Rules);

    public KidneyFunction Kidney => _kidney ??= KidneyFunctionEstimator.Estimate(this);

    public FactorResult Factor(string factorId)
    {
        if (!_factors.TryGetValue(factorId, out var result))
        {
            _factorEvaluator ??= new FactorEvaluator(this);
            _factors[factorId] = result = _factorEvaluator.Evaluate(Rules.Factors[factorId]);
        }

        return result;
    }

    /// <summary>The daily dose of one ingredient in one medication order.</summary>
    public MedicationDose Dose(ResolvedMedication medication, string ingredientId)
    {
        var key = (medication.Fact.ResourceId, ingredientId);
        if (!_doses.TryGetValue(key, out var dose))
        {
            _doseCalculator ??= new DailyDoseCalculator(this);
            _doses[key] = dose = _doseCalculator.Compute(medication, ingredientId);
        }

        return dose;
    }

    /// <summary>The total daily dose of an ingredient over every current and proposed order (knowledge-format-safety.md §7.1).</summary>
    public IngredientDose DailyDose(string ingredientId)
    {
        if (!_ingredientDoses.TryGetValue(ingredientId, out var total))
        {
            // Refills of one product within a course count once (the latest order), so twenty monthly renewals
            // are not twenty doses; different products of the ingredient (an immediate- and an extended-release
            // opioid, paracetamol alone and in a combination) each count.
            var parts = Active.Where(m => m.Contains(ingredientId))
                .GroupBy(m => (ActiveCourseOf(m).Key, Product: m.Fact.Medication.ToString()))
                .Select(g => g.MaxBy(m => (m.Fact.Start ?? AsOf, m.Reference), Comparer<(LocalDate, string)>.Create((x, y) => x.Item1 != y.Item1 ? x.Item1.CompareTo(y.Item1) : string.CompareOrdinal(x.Item2, y.Item2)))!)
                .OrderBy(m => m.Reference, StringComparer.Ordinal)
                .Select(m => Dose(m, ingredientId))
                .ToImmutableArray();
            _ingredientDoses[ingredientId] = total = new IngredientDose(ingredientId, parts);
        }

        return total;
    }

    /// <summary>
    /// The past orders the filter selects, resolved to ingredients (each at most once per assessment). The
    /// filter sees the record's fact, so checks select by date first and resolve only what they need:
    /// records renew a product dozens of times, and most of that history never matters.
    /// </summary>
    public IEnumerable<ResolvedMedication> Past(Func<MedicationFact, bool> filter)
    {
        foreach (var fact in SelectThenSort(filter))
        {
            if (!_pastResolved.TryGetValue(fact, out var resolved))
            {
                _pastResolved[fact] = resolved = _resolve(fact);
            }

            yield return resolved;
        }
    }

    /// <summary>
    /// The past orders (<see cref="MedicationUse.Past"/>) the filter selects, ordered by resource (ties in the record's
    /// order), sorting only those: a filter by date keeps a few of a long history, and sorting the whole history for
    /// them cost more than the checks did.
    /// </summary>
    private List<MedicationFact> SelectThenSort(Func<MedicationFact, bool> filter)
    {
        var selected = new List<(MedicationFact Fact, int Position)>();
        var medications = Patient.Medications;
        for (var i = 0; i < medications.Length; i++)
        {
            if (medications[i].Use == MedicationUse.Past && filter(medications[i]))
            {
                selected.Add((medications[i], i));
            }
        }

        selected.Sort(static (x, y) =>
        {
            var byType = string.CompareOrdinal(x.Fact.ResourceType, y.Fact.ResourceType);
            if (byType != 0)
            {
                return byType;
            }

            var byId = string.CompareOrdinal(x.Fact.ResourceId, y.Fact.ResourceId);
            return byId != 0 ? byId : x.Position.CompareTo(y.Position);
        });
        return selected.ConvertAll(s => s.Fact);
    }

    /// <summary>The course an order belongs to (see <see cref="TreatmentCourses"/>), built once per order and ingredient.</summary>
    public List<ResolvedMedication> Course(ResolvedMedication medication, string ingredientId)
    {
        var key = (medication.Reference, ingredientId);
        if (!_courses.TryGetValue(key, out var course))
        {
            _courses[key] = course = TreatmentCourses.Build(this, medication, ingredientId);
        }

        return course;
    }

    /// <summary>
    /// The course a current or proposed order belongs to: orders with the same ingredients, by start date, join
    /// one course while each starts no later than <c>course-gap-days</c> after the previous one ended (an order still
    /// running, or without an end, continues into the next). Built once per assessment.
    /// </summary>
    public ActiveCourse ActiveCourseOf(ResolvedMedication medication)
    {
        if (_activeCourses is null)
        {
            _activeCourses = new Dictionary<string, ActiveCourse>(StringComparer.Ordinal);
            var gap = Rules.Conventions.CourseGapDays;
            foreach (var group in Active.GroupBy(m => string.Join('+', m.Ingredients.Select(i => i.DrugId).Order(StringComparer.Ordinal)), StringComparer.Ordinal))
            {
                var orders = group
                    .OrderBy(m => m.Fact.Start ?? AsOf)
                    .ThenBy(m => m.Reference, StringComparer.Ordinal)
                    .ToList();
                var course = new List<ResolvedMedication>();
                LocalDate? runsUntil = null;
                var open = false;
                foreach (var order in orders)
                {
                    var start = order.Fact.Start ?? AsOf;
                    if (course.Count > 0 && !open && runsUntil is { } until && start > until.PlusDays(gap))
                    {
                        Close(course);
                        course = [];
                        runsUntil = null;
                    }

                    course.Add(order);
                    open |= order.Fact.End is null;
                    if (order.Fact.End is { } end && (runsUntil is null || end > runsUntil))
                    {
                        runsUntil = end;
                    }
                }

                Close(course);
            }
        }

        return _activeCourses[medication.Reference];

        void Close(List<ResolvedMedication> orders)
        {
            if (orders.Count == 0)
            {
                return;
            }

            var course = new ActiveCourse(orders[0].Reference, [.. orders]);
            foreach (var order in orders)
            {
                _activeCourses![order.Reference] = course;
            }
        }
    }

    /// <summary>True when a current or proposed medication has an ingredient in the set (a rule's resolution).</summary>
    public bool HasActiveAny(IReadOnlySet<string> ingredientIds)
    {
        foreach (var medication in Active)
        {
            foreach (var ingredient in medication.Ingredients)
            {
                if (ingredientIds.Contains(ingredient.DrugId))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public bool HasActive(string ingredientId)
    {
        foreach (var medication in Active)
        {
            if (medication.Contains(ingredientId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A result's value in <paramref name="unit"/>, converted through units.yaml for the test's analyte. A
    /// value that cannot be converted is not used, and a data-quality note names its unit (knowledge-format-safety.md §9).
    /// </summary>
    public bool TryValue(ObservationFact result, string testId, string unit, string? ruleId, out decimal value)
    {
        value = 0;
        if (result.Value is not { } raw)
        {
            return false;
        }

        // Every test Relief reads is a count, a concentration, an activity, a rate, a mass or an interval: a
        // negative number is a data error, not a measurement, and must not pass a "below" threshold as real.
        if (raw < 0)
        {
            Quality.Add(DataQualityKind.ImplausibleValue, $"{testId} {FactReferences.Format(raw)} {result.UnitCode ?? result.Unit}: a negative result is not a measurement; ignored", FactReferences.Of(result).Reference, ruleId);
            return false;
        }

        var analyte = Rules.Tests.TryGetValue(testId, out var test) ? test.Analyte : testId;
        if (Rules.Units.TryConvert(raw, result.UnitCode, result.Unit, unit, analyte, out value, out var problem))
        {
            return true;
        }

        Quality.Add(DataQualityKind.UnconvertibleUnit, $"{testId} {FactReferences.Format(raw)} {result.UnitCode ?? result.Unit}: {problem}", FactReferences.Of(result).Reference, ruleId);
        return false;
    }

    /// <summary>The sources of a finding, each once, in the order cited (the validator guarantees each id exists).</summary>
    public ImmutableArray<SourceCitation> Cite(IEnumerable<string> sourceIds)
    {
        var citations = Citations.For(Knowledge);
        var result = ImmutableArray.CreateBuilder<SourceCitation>();
        foreach (var id in sourceIds)
        {
            if (citations.TryGetValue(id, out var citation) && !result.Contains(citation))
            {
                result.Add(citation);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The medication's codes, for a finding's list of codes it concerns.</summary>
    public static IEnumerable<Code> CodesOf(ResolvedMedication medication) => medication.Fact.Medication.Codes;
}
