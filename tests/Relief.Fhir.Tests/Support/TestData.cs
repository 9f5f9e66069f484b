namespace Relief.Fhir.Tests.Support;

/// <summary>Hand-made inputs under TestData/, copied beside the test binary.</summary>
internal static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));
}
