namespace Relief.Core.Knowledge.Loading;

/// <summary>The parsed, not yet validated, safety files (knowledge-format-safety.md §2-10).</summary>
internal sealed record SafetyFileSet
{
    public required FactorsFile Factors { get; init; }

    public required GroupsFile Groups { get; init; }

    public required CautionsFile Cautions { get; init; }

    public required InteractionsFile Interactions { get; init; }

    public required VaccinesFile Vaccines { get; init; }

    public required DosesFile Doses { get; init; }

    public required MonitoringFile Monitoring { get; init; }

    public required UnitsFile Units { get; init; }

    public required ResponseFile Response { get; init; }

    public required ConventionsFile Conventions { get; init; }
}
