using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Model;

/// <summary>
/// A product form of one ingredient that guidelines judge apart (capsaicin cream vs the 8% patch). A record's
/// medication is of this form when its name or text contains one of <see cref="Match"/> (case-insensitive):
/// RxNorm dose-form words ("Topical Cream") or brand names ("Qutenza").
/// </summary>
public sealed record ProductForm(string Id, string Name, ImmutableArray<string> Match)
{
    public bool IsFormOf(string text) => Match.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
}
