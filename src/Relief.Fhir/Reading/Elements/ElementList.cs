using System.Text.Json;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// The items of an element that FHIR R4 says is an array, enumerable without allocation. A lone object
/// where an array belongs (cds4cpm's <c>MedicationRequest.category</c>) enumerates as one item; the caller
/// that made the list has already warned about it.
/// </summary>
internal struct ElementList
{
    private readonly JsonElement single;
    private readonly bool isArray;
    private readonly bool isEmpty;
    private JsonElement.ArrayEnumerator array;
    private bool singleTaken;

    private ElementList(JsonElement element, bool isArray, bool isEmpty)
    {
        single = element;
        this.isArray = isArray;
        this.isEmpty = isEmpty;
        array = isArray ? element.EnumerateArray() : default;
        singleTaken = false;
        Current = default;
    }

    public static ElementList Empty => new(default, isArray: false, isEmpty: true);

    public static ElementList Of(JsonElement arrayOrSingle) =>
        new(arrayOrSingle, arrayOrSingle.ValueKind == JsonValueKind.Array, isEmpty: false);

    public JsonElement Current { get; private set; }

    public readonly ElementList GetEnumerator() => this;

    public bool MoveNext()
    {
        if (isEmpty)
        {
            return false;
        }

        if (isArray)
        {
            if (array.MoveNext())
            {
                Current = array.Current;
                return true;
            }

            return false;
        }

        if (singleTaken)
        {
            return false;
        }

        singleTaken = true;
        Current = single;
        return true;
    }
}
