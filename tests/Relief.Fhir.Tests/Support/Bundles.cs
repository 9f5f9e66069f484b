using System.Text;
using Relief.Fhir.Reading;

namespace Relief.Fhir.Tests.Support;

/// <summary>Small hand-made inputs: one patient and the resources a test is about, in a collection bundle.</summary>
internal static class Bundles
{
    public const string PatientId = "p1";

    public const string Patient = """{ "resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1970-05-17" }""";

    public const string Subject = """ "subject": { "reference": "Patient/p1" } """;

    /// <summary>A collection bundle holding the standard patient and <paramref name="resources"/>.</summary>
    public static string With(params string[] resources) => Of([Patient, .. resources]);

    /// <summary>A collection bundle holding exactly <paramref name="resources"/>.</summary>
    public static string Of(params string[] resources)
    {
        var entries = string.Join(",\n", resources.Select(r => $$"""{ "resource": {{r}} }"""));
        return $$"""{ "resourceType": "Bundle", "type": "collection", "entry": [ {{entries}} ] }""";
    }

    public static FhirReadResult Read(string json) => FhirBundleReader.Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a bundle that must succeed, failing the test with the error message otherwise.</summary>
    public static FhirReadResult ReadOk(string json)
    {
        var result = Read(json);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result;
    }
}
