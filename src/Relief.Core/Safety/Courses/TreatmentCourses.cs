using NodaTime;
using Relief.Core.Patients;

namespace Relief.Core.Safety.Courses;

/// <summary>
/// When a treatment started, read from the orders of one ingredient. Records renew prescriptions: an order
/// that ended no more than <c>course-gap-days</c> (knowledge/conventions.yaml) before the next one started continues the same course, so
/// "the start of the drug" is the first order's start, not the latest renewal's.
/// </summary>
internal static class TreatmentCourses
{
    /// <summary>A local convention: a renewal up to 30 days after the previous order ended continues the course.</summary>

    /// <summary>The start of the course <paramref name="medication"/> belongs to (its own Start when nothing continues into it).</summary>
    public static LocalDate? CourseStart(SafetyContext context, ResolvedMedication medication, string ingredientId) =>
        CourseOrders(context, medication, ingredientId) is { Count: > 0 } orders ? orders[0].Fact.Start : medication.Fact.Start;

    /// <summary>
    /// The orders of the course <paramref name="medication"/> belongs to, oldest first, ending with it. Walking
    /// back from its start, the earlier order of the ingredient (past, current or proposed) that started
    /// latest among those still running within <c>course-gap-days</c> (knowledge/conventions.yaml) of that start joins the course. A past order
    /// without an end date cannot be placed and joins no course. Empty when the order has no start.
    /// </summary>
    public static List<ResolvedMedication> CourseOrders(SafetyContext context, ResolvedMedication medication, string ingredientId) =>
        context.Course(medication, ingredientId);

    /// <summary>
    /// The monitoring clock for "since start or dose change" (knowledge-format-safety.md §8.2): the start of the latest order in the
    /// course whose daily dose differs from the previous order's. A dose that cannot be computed is taken as
    /// unchanged, so an unreadable renewal does not restart monitoring.
    /// </summary>
    public static LocalDate? DoseChangeClock(SafetyContext context, ResolvedMedication medication, string ingredientId)
    {
        var course = CourseOrders(context, medication, ingredientId);
        if (course.Count == 0)
        {
            return medication.Fact.Start;
        }

        var clock = course[0].Fact.Start;
        var previous = context.Dose(course[0], ingredientId).MgPerDay;
        foreach (var order in course.Skip(1))
        {
            var dose = context.Dose(order, ingredientId).MgPerDay;
            if (dose is { } d && previous is { } p && d != p)
            {
                clock = order.Fact.Start;
            }

            previous = dose ?? previous;
        }

        return clock;
    }

    /// <summary>Builds the course; callers go through <see cref="SafetyContext.Course"/>, which caches it.</summary>
    internal static List<ResolvedMedication> Build(SafetyContext context, ResolvedMedication medication, string ingredientId)
    {
        if (medication.Fact.Start is not { } start)
        {
            return [];
        }

        var course = new List<ResolvedMedication> { medication };
        var next = start;
        while (true)
        {
            var from = next.PlusDays(-context.Rules.Conventions.CourseGapDays);
            var cutoff = next;
            ResolvedMedication? previous = null;

            // Dates first: only orders running into this one are resolved to ingredients.
            foreach (var candidate in context.Past((Cutoff: cutoff, From: from), Adjacent))
            {
                previous = Later(previous, candidate, course, ingredientId);
            }

            foreach (var candidate in context.Active)
            {
                if (Adjacent(candidate.Fact, (cutoff, from)))
                {
                    previous = Later(previous, candidate, course, ingredientId);
                }
            }

            if (previous is null)
            {
                break;
            }

            course.Insert(0, previous);
            next = previous.Fact.Start!.Value;
        }

        return course;
    }

    // Started on or before the cutoff and, for a past order, still running on or after the earliest joining date.
    private static bool Adjacent(MedicationFact f, (LocalDate Cutoff, LocalDate From) window) =>
        f.Start is { } s && s <= window.Cutoff && (f.Use != MedicationUse.Past || f.End is { } e && e >= window.From);

    // The candidate that started latest (ties by reference), if it has the ingredient and is not in the course yet.
    private static ResolvedMedication? Later(ResolvedMedication? best, ResolvedMedication candidate, List<ResolvedMedication> course, string ingredientId)
    {
        if (!candidate.Contains(ingredientId) || course.Contains(candidate))
        {
            return best;
        }

        if (best is null)
        {
            return candidate;
        }

        var byStart = candidate.Fact.Start!.Value.CompareTo(best.Fact.Start!.Value);
        return byStart > 0 || (byStart == 0 && string.CompareOrdinal(candidate.Reference, best.Reference) < 0) ? candidate : best;
    }
}
