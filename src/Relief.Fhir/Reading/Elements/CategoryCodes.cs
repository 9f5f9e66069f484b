using System.Collections.Immutable;
using System.Text.Json;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// The codes of every coding of a resource's <c>category</c> (any system: US Core and HL7's condition-category use the
/// same codes), for Condition and MedicationRequest. cds4cpm sends one object rather than an array: the warning is how
/// a sender learns of it.
/// </summary>
internal static class CategoryCodes
{
    public static ImmutableArray<string> Read(JsonElement resource, ReadContext context)
    {
        var codes = new FewItems<string>();
        var index = 0;
        foreach (var item in TolerantJson.Array(resource, "category"u8, ElementPath.Root, context))
        {
            if (TolerantJson.IsObjectItem(item, ElementPath.Root, "category"u8, index, context))
            {
                var concept = CodeableConcepts.Codes(item, ElementPath.Root.Item("category", index), context);
                for (var i = 0; i < concept.Count; i++)
                {
                    codes.Add(concept[i].Value);
                }
            }

            index++;
        }

        return codes.ToImmutable();
    }
}
