using System.Collections.Immutable;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// Items gathered into an <see cref="ImmutableArray{T}"/> where there is nearly always one (a category, a dosage):
/// the first is held in a field and a builder made only for a second, so the usual case costs the array alone
/// rather than a builder as well.
/// </summary>
internal struct FewItems<T>
{
    private T first;
    private ImmutableArray<T>.Builder? more;

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == 0)
        {
            first = item;
        }
        else
        {
            if (more is null)
            {
                more = ImmutableArray.CreateBuilder<T>(2);
                more.Add(first);
            }

            more.Add(item);
        }

        Count++;
    }

    public readonly ImmutableArray<T> ToImmutable() =>
        more is not null ? more.ToImmutable() : Count == 1 ? ImmutableArray.Create(first) : [];
}
