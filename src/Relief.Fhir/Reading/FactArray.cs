using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Relief.Fhir.Reading;

/// <summary>
/// One kind of fact of a record, in an array sized to the resources of that kind: the array becomes the record's
/// <see cref="ImmutableArray{T}"/> as it is when full (every resource was about the patient), copied only when not.
/// An <see cref="ImmutableArray{T}.Builder"/> did the same with one more object per kind per record.
/// </summary>
internal struct FactArray<T>(int capacity)
{
    private readonly T[] items = capacity > 0 ? new T[capacity] : [];
    private int count;

    public void Add(T fact) => items[count++] = fact;

    public readonly ImmutableArray<T> ToImmutable() =>
        count == items.Length ? ImmutableCollectionsMarshal.AsImmutableArray(items) : ImmutableArray.Create(items, 0, count);
}
