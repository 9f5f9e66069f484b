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
    // The tables below are made on first use: most screened records need none of them.
    private Dictionary<MedicationFact, ResolvedMedication>? _pastResolved;
    private Dictionary<(string Resource, string Ingredient), List<ResolvedMedication>>? _courses;
    private ConditionIndex? _conditions;
    private List<(string Id, FactorResult Result)>? _factors;
    private Dictionary<(string Resource, string Ingredient), MedicationDose>? _doses;
    private Dictionary<string, IngredientDose>? _ingredientDoses;
    private List<UnrecognisedCode>? _unrecognised;
    private ObservationIndex? _observations;
    private KidneyFunction? _kidney;
    private FactorEvaluator? _factorEvaluator;
    private DailyDoseCalculator? _doseCalculator;
    private Dictionary<string, ActiveCourse>? _activeCourses;
    private ActiveCourse? _onlyCourse;
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
    public List<UnrecognisedCode> Unrecognised => _unrecognised ??= [];

    /// <summary>What <see cref="Unrecognised"/> holds, without making the list when no check added to it.</summary>
    public IReadOnlyList<UnrecognisedCode> UnrecognisedSoFar => (IReadOnlyList<UnrecognisedCode>?)_unrecognised ?? [];

    public ObservationIndex Observations => _observations ??= new ObservationIndex(Patient, AsOf, Rules);

    public KidneyFunction Kidney => _kidney ??= KidneyFunctionEstimator.Estimate(this);

    /// <summary>Whether a factor holds for this patient, evaluated once per assessment.</summary>
    /// <remarks>
    /// The results are kept in a short list, not a dictionary: a patient's drugs meet a handful of factors, the ids are the
    /// knowledge's own strings (a reference comparison mostly settles it), and a dictionary's tables and their growth
    /// were a visible share of every assessment with a caution to check.
    /// </remarks>
    public FactorResult Factor(string factorId)
    {
        _factors ??= new List<(string Id, FactorResult Result)>(8);
        foreach (var (id, known) in _factors)
        {
            if (ReferenceEquals(id, factorId) || string.Equals(id, factorId, StringComparison.Ordinal))
            {
                return known;
            }
        }

        _factorEvaluator ??= new FactorEvaluator(this);
        var result = _factorEvaluator.Evaluate(Rules.Factors[factorId]);
        _factors.Add((factorId, result));
        return result;
    }

    /// <summary>The daily dose of one ingredient in one medication order.</summary>
    public MedicationDose Dose(ResolvedMedication medication, string ingredientId)
    {
        var key = (medication.Fact.ResourceId, ingredientId);
        _doses ??= [];
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
        _ingredientDoses ??= new Dictionary<string, IngredientDose>(StringComparer.Ordinal);
        if (!_ingredientDoses.TryGetValue(ingredientId, out var total))
        {
            _ingredientDoses[ingredientId] = total = new IngredientDose(ingredientId, DoseParts(ingredientId));
        }

        return total;
    }

    /// <summary>
    /// Refills of one product within a course count once (the latest order: latest start, then the greatest
    /// reference), so twenty monthly renewals are not twenty doses; different products of the ingredient (an
    /// immediate- and an extended-release opioid, paracetamol alone and in a combination) each count. The parts come
    /// in reference order. Plain loops: a record has a handful of current orders, and this runs per dose rule.
    /// </summary>
    private ImmutableArray<MedicationDose> DoseParts(string ingredientId)
    {
        // One order of the ingredient (nearly every record with a dose rule): it is the only part, nothing to group.
        if (OnlyOrderOf(ingredientId) is { } only)
        {
            return [Dose(only, ingredientId)];
        }

        // Active is ordered by reference, so the latest of each (course, product) is kept in that order too.
        var latest = new List<(string Course, string Product, ResolvedMedication Medication, int Slot)>();
        foreach (var medication in Active)
        {
            if (!medication.Contains(ingredientId))
            {
                continue;
            }

            var course = ActiveCourseOf(medication).Key;
            var product = medication.Fact.Medication.ToString();
            var index = -1;
            for (var i = 0; i < latest.Count && index < 0; i++)
            {
                if (latest[i].Course == course && latest[i].Product == product)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                latest.Add((course, product, medication, latest.Count));
            }
            else if (IsLater(medication, latest[index].Medication))
            {
                latest[index] = (course, product, medication, index);
            }
        }

        // By reference; equal references keep their first-seen order (a stable sort, as OrderBy was).
        latest.Sort(static (x, y) =>
        {
            var byReference = string.CompareOrdinal(x.Medication.Reference, y.Medication.Reference);
            return byReference != 0 ? byReference : x.Slot.CompareTo(y.Slot);
        });
        var parts = ImmutableArray.CreateBuilder<MedicationDose>(latest.Count);
        foreach (var (_, _, medication, _) in latest)
        {
            parts.Add(Dose(medication, ingredientId));
        }

        return parts.MoveToImmutable();
    }

    // The one current or proposed order holding the ingredient; null when none or several do.
    private ResolvedMedication? OnlyOrderOf(string ingredientId)
    {
        ResolvedMedication? only = null;
        foreach (var medication in Active)
        {
            if (medication.Contains(ingredientId))
            {
                if (only is not null)
                {
                    return null;
                }

                only = medication;
            }
        }

        return only;
    }

    // MaxBy keeps the first of equal maxima: a later order replaces the kept one only when strictly greater.
    private bool IsLater(ResolvedMedication candidate, ResolvedMedication kept)
    {
        var byStart = (candidate.Fact.Start ?? AsOf).CompareTo(kept.Fact.Start ?? AsOf);
        return byStart != 0 ? byStart > 0 : string.CompareOrdinal(candidate.Reference, kept.Reference) > 0;
    }

    /// <summary>
    /// The past orders the filter selects, resolved to ingredients (each at most once per assessment). The
    /// filter sees the record's fact, so checks select by date first and resolve only what they need:
    /// records renew a product dozens of times, and most of that history never matters.
    /// </summary>
    /// <remarks>
    /// The filter is a static function of the fact and the caller's state (dates), so asking allocates no closure;
    /// nothing selected allocates nothing.
    /// </remarks>
    public IReadOnlyList<ResolvedMedication> Past<TState>(TState state, Func<MedicationFact, TState, bool> filter)
    {
        var selected = SelectThenSort(state, filter);
        if (selected is null)
        {
            return [];
        }

        _pastResolved ??= new Dictionary<MedicationFact, ResolvedMedication>(ReferenceEqualityComparer.Instance);
        var resolved = new ResolvedMedication[selected.Count];
        for (var i = 0; i < resolved.Length; i++)
        {
            var fact = selected[i].Fact;
            if (!_pastResolved.TryGetValue(fact, out var medication))
            {
                _pastResolved[fact] = medication = _resolve(fact);
            }

            resolved[i] = medication;
        }

        return resolved;
    }

    /// <summary>
    /// The past orders (<see cref="MedicationUse.Past"/>) the filter selects, ordered by resource (ties in the record's
    /// order), sorting only those: a filter by date keeps a few of a long history, and sorting the whole history for
    /// them cost more than the checks did. Null when none is selected.
    /// </summary>
    private List<(MedicationFact Fact, int Position)>? SelectThenSort<TState>(TState state, Func<MedicationFact, TState, bool> filter)
    {
        List<(MedicationFact Fact, int Position)>? selected = null;
        var medications = Patient.Medications;
        for (var i = 0; i < medications.Length; i++)
        {
            if (medications[i].Use == MedicationUse.Past && filter(medications[i], state))
            {
                (selected ??= []).Add((medications[i], i));
            }
        }

        selected?.Sort(static (x, y) =>
        {
            var byType = string.CompareOrdinal(x.Fact.ResourceType, y.Fact.ResourceType);
            if (byType != 0)
            {
                return byType;
            }

            var byId = string.CompareOrdinal(x.Fact.ResourceId, y.Fact.ResourceId);
            return byId != 0 ? byId : x.Position.CompareTo(y.Position);
        });
        return selected;
    }

    /// <summary>The course an order belongs to (see <see cref="TreatmentCourses"/>), built once per order and ingredient.</summary>
    public List<ResolvedMedication> Course(ResolvedMedication medication, string ingredientId)
    {
        var key = (medication.Reference, ingredientId);
        _courses ??= [];
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
        // One order is its own course (most records with a medication have one): no table to build.
        if (Active.Length == 1 && medication.Reference == Active[0].Reference)
        {
            return _onlyCourse ??= new ActiveCourse(Active[0].Reference, [Active[0]]);
        }

        if (_activeCourses is null)
        {
            _activeCourses = new Dictionary<string, ActiveCourse>(Active.Length, StringComparer.Ordinal);
            BuildActiveCourses();
        }

        return _activeCourses[medication.Reference];
    }

    // Orders grouped by their ingredient set (groups in the order first seen), each group by start then reference.
    private void BuildActiveCourses()
    {
        var keys = new List<string>(Active.Length);
        var groups = new Dictionary<string, List<ResolvedMedication>>(Active.Length, StringComparer.Ordinal);
        foreach (var medication in Active)
        {
            var key = IngredientSetKey(medication);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                keys.Add(key);
            }

            group.Add(medication);
        }

        var gap = Rules.Conventions.CourseGapDays;
        foreach (var key in keys)
        {
            var orders = groups[key];
            StableSortByStart(orders);
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

    private static string IngredientSetKey(ResolvedMedication medication)
    {
        var ingredients = medication.Ingredients;
        if (ingredients.Length == 1)
        {
            return ingredients[0].DrugId;
        }

        var ids = new string[ingredients.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = ingredients[i].DrugId;
        }

        Array.Sort(ids, StringComparer.Ordinal);
        return string.Join('+', ids);
    }

    // Insertion sort by (start, reference), stable as OrderBy/ThenBy were: a group holds a handful of orders.
    private void StableSortByStart(List<ResolvedMedication> orders)
    {
        for (var i = 1; i < orders.Count; i++)
        {
            var item = orders[i];
            var j = i - 1;
            while (j >= 0 && CompareStart(orders[j], item) > 0)
            {
                orders[j + 1] = orders[j];
                j--;
            }

            orders[j + 1] = item;
        }
    }

    private int CompareStart(ResolvedMedication x, ResolvedMedication y)
    {
        var byStart = (x.Fact.Start ?? AsOf).CompareTo(y.Fact.Start ?? AsOf);
        return byStart != 0 ? byStart : string.CompareOrdinal(x.Reference, y.Reference);
    }

    private void Close(List<ResolvedMedication> orders)
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
        var result = ImmutableArray.CreateBuilder<SourceCitation>();
        AddCitations(result, sourceIds);
        return result.ToImmutable();
    }

    /// <summary>A rule's sources then its factor's (a caution), each once, in the order cited; no enumerator.</summary>
    public ImmutableArray<SourceCitation> Cite(ImmutableArray<string> first, ImmutableArray<string> then)
    {
        var result = ImmutableArray.CreateBuilder<SourceCitation>(first.Length + then.Length);
        AddCitations(result, first);
        AddCitations(result, then);
        return result.ToImmutable();
    }

    /// <summary>One list's sources, each once; no enumerator.</summary>
    public ImmutableArray<SourceCitation> Cite(ImmutableArray<string> sourceIds) => Cite(sourceIds, []);

    private void AddCitations(ImmutableArray<SourceCitation>.Builder result, IEnumerable<string> sourceIds)
    {
        var citations = Citations.For(Knowledge);
        foreach (var id in sourceIds)
        {
            if (citations.TryGetValue(id, out var citation) && !result.Contains(citation))
            {
                result.Add(citation);
            }
        }
    }

    private void AddCitations(ImmutableArray<SourceCitation>.Builder result, ImmutableArray<string> sourceIds)
    {
        var citations = Citations.For(Knowledge);
        foreach (var id in sourceIds)
        {
            if (citations.TryGetValue(id, out var citation) && !result.Contains(citation))
            {
                result.Add(citation);
            }
        }
    }

    /// <summary>The medication's codes, for a finding's list of codes it concerns.</summary>
    public static IEnumerable<Code> CodesOf(ResolvedMedication medication) => medication.Fact.Medication.Codes;
}
