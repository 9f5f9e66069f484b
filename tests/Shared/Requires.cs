namespace Relief.Tests.Shared;

/// <summary>
/// Trait names for tests that need something outside the repository, so a run can select or leave them out:
/// <c>dotnet test --filter "Needs!=shared-data"</c>.
/// </summary>
internal static class Requires
{
    public const string Key = "Needs";

    /// <summary>../shared/data beside the repository (Synthea, CDS Hooks requests, AHRQ bundles).</summary>
    public const string SharedData = "shared-data";

    /// <summary>Debian's chromium, driven by Playwright.</summary>
    public const string Browser = "browser";
}
