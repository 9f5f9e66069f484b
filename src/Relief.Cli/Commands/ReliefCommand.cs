using System.CommandLine;

namespace Relief.Cli.Commands;

/// <summary>The `relief` command tree.</summary>
public static class ReliefCommand
{
    public static readonly Option<string?> KnowledgeOption = new("--knowledge")
    {
        Description = $"Knowledge directory (default: ${KnowledgeLocation.EnvironmentVariable}, else the copy shipped with relief)",
        Recursive = true,
    };

    public static readonly Option<string?> StoreOption = new("--store")
    {
        Description = "The follow-up store: a SQLite file path or a PostgreSQL connection string (Host=...;Database=...); default: $RELIEF_STORE, else ~/.local/share/relief/relief.db",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Relief: decision support for chronic pain and fatigue syndromes. It summarises cited evidence for a clinician; it never prescribes.");
        root.Options.Add(KnowledgeOption);
        root.Options.Add(StoreOption);
        root.Subcommands.Add(AssessCommand.Build());
        root.Subcommands.Add(KnowledgeCommand.Build());
#if !RELIEF_FAST
        // Store, service and summary: EF Core and ASP.NET Core, so not in the Native AOT batch binary.
        root.Subcommands.Add(PatientsCommand.Build());
        root.Subcommands.Add(DiaryCommand.Build());
        root.Subcommands.Add(GoalsCommand.Build());
        root.Subcommands.Add(StoreAdminCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(UsersCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(SummaryCommand.Build());
#endif
        // Read-only and fast in both builds (ADO.NET, no EF Core): the AOT binary runs it too.
        root.Subcommands.Add(TasksCommand.Build());
        root.Subcommands.Add(ScreenCommand.Build());
        root.Subcommands.Add(SynthCommand.Build());
        root.Subcommands.Add(ExportCommand.Build());
        return root;
    }

    /// <summary>Parses and runs; argument errors exit 2 (invalid input) like every other input error.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"relief: {problem.Message}");
            }

            error.WriteLine("relief: see 'relief --help'");
            return ExitCodes.InvalidInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
