using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// The distinct codes of one CodeableConcept's codings, in order, with their displays when wanted: what an
/// <see cref="ImmutableArray{T}.Builder"/> and a chain of <see cref="ImmutableDictionary{TKey, TValue}.SetItem"/> gave.
/// </summary>
/// <remarks>
/// Nearly every concept has one coding, and a builder and a dictionary made for each were a large share of a small
/// record's allocations. So the first code is held in a field (a builder is made only for a second), and a lone
/// code's displays come from <see cref="SingleDisplays"/>, which hands out one immutable dictionary per repeated
/// (code, display): the same contents the chain of SetItem gives.
/// </remarks>
internal struct CodingList(bool withDisplays)
{
    private Code first;
    private string? firstDisplay;
    private ImmutableArray<Code>.Builder? all;
    private ImmutableDictionary<Code, string>? displays;

    public int Count { get; private set; }

    public readonly Code this[int index] => all is null ? (index == 0 && Count == 1 ? first : throw new ArgumentOutOfRangeException(nameof(index))) : all[index];

    /// <summary>The display of each code that had one; empty without displays.</summary>
    public readonly ImmutableDictionary<Code, string> Displays =>
        !withDisplays ? ImmutableDictionary<Code, string>.Empty
        : all is not null ? displays ?? ImmutableDictionary<Code, string>.Empty
        : Count == 1 && firstDisplay is not null ? SingleDisplays.Of(first, firstDisplay)
        : ImmutableDictionary<Code, string>.Empty;

    /// <summary>Keeps the code unless kept already (a repeated code's display is not kept either).</summary>
    public void Add(Code code, string? display)
    {
        if (Count == 0)
        {
            first = code;
            firstDisplay = display;
            Count = 1;
            return;
        }

        if (all is null)
        {
            if (first.Equals(code))
            {
                return;
            }

            // A second code: from here on, the builder and the dictionary, filled in the order the codings came.
            all = ImmutableArray.CreateBuilder<Code>(2);
            all.Add(first);
            if (withDisplays && firstDisplay is not null)
            {
                displays = ImmutableDictionary<Code, string>.Empty.SetItem(first, firstDisplay);
            }
        }
        else if (all.Contains(code))
        {
            return;
        }

        all.Add(code);
        Count = all.Count;
        if (withDisplays && display is not null)
        {
            displays = (displays ?? ImmutableDictionary<Code, string>.Empty).SetItem(code, display);
        }
    }

    public readonly ImmutableArray<Code> ToImmutable() =>
        all is not null ? all.ToImmutable() : Count == 1 ? ImmutableArray.Create(first) : ImmutableArray<Code>.Empty;
}
