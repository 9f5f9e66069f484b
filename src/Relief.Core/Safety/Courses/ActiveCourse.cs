using System.Collections.Immutable;
using Relief.Core.Assessment.Safety;

namespace Relief.Core.Safety.Courses;

/// <summary>
/// The current and proposed orders of one drug (the same set of ingredients) that follow each other: monthly
/// refills, renewals, a proposed renewal of a current order. A finding about the drug names the course once, by
/// its first and latest orders, instead of once per refill (issue 6: 22 identical rows for one patient).
/// </summary>
internal sealed record ActiveCourse(string Key, ImmutableArray<ResolvedMedication> Orders)
{
    public ResolvedMedication First => Orders[0];

    public ResolvedMedication Latest => Orders[^1];

    /// <summary>The facts that name the course: its one order, or its first and latest orders.</summary>
    public ImmutableArray<FactReference> Facts(Func<ResolvedMedication, string?>? role = null) => Orders.Length == 1
        ? [FactReferences.Of(First.Fact, role?.Invoke(First))]
        : [FactReferences.Of(First.Fact, "first order of the course"), FactReferences.Of(Latest.Fact, role?.Invoke(Latest) ?? "latest order of the course")];

    /// <summary>A note saying how many orders the finding stands for, or null for a single order.</summary>
    public string? Note => Orders.Length == 1
        ? null
        : $"{string.Join(" + ", Latest.Ingredients.Select(i => i.DrugId))}: one course of {Orders.Length} orders, {FactReferences.Date(First.Fact.Start)} ({First.Reference}) to {FactReferences.Date(Latest.Fact.Start)} ({Latest.Reference}); reported once";
}
