using System.CommandLine;
using Relief.Core.Knowledge.Loading;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief kb compile [--check]`: writes the knowledge snapshot that lets every later `relief` start without parsing
/// the YAML (the build and scripts/publish run it on the copy beside the binary), or says whether it is current.
/// </summary>
public static class KnowledgeCompileCommand
{
    public static Command Build()
    {
        var check = new Option<bool>("--check") { Description = "Only report whether the snapshot matches the knowledge files (exit 0 if it does, 5 if not)" };
        var compile = new Command("compile", $"Validate the knowledge files and write {KnowledgeSnapshot.FileName} beside them, a cache that loads in a few milliseconds");
        compile.Options.Add(check);
        compile.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var directory = KnowledgeLocation.Resolve(parse.GetValue(ReliefCommand.KnowledgeOption));
            var snapshot = KnowledgeSnapshot.PathIn(directory);
            // A folder with no knowledge in it is a wrong path, not a knowledge base without a snapshot.
            if (!Directory.Exists(directory) || !Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Any())
            {
                output.WriteLine($"{directory}: {(Directory.Exists(directory) ? "no knowledge files (*.yaml) in this directory" : "knowledge directory not found")}");
                return ExitCodes.InvalidKnowledge;
            }

            if (parse.GetValue(check))
            {
                var state = KnowledgeSnapshot.Check(directory);
                output.WriteLine($"{snapshot}: {Describe(state)}");
                return state == KnowledgeSnapshotState.Current ? ExitCodes.Ok : ExitCodes.SnapshotNotCurrent;
            }

            var result = KnowledgeSnapshot.Compile(directory);
            if (result.Knowledge is not { } k)
            {
                foreach (var problem in result.Errors)
                {
                    output.WriteLine(problem);
                }

                output.WriteLine($"{result.Errors.Length} problem(s) in {directory}: no snapshot written (relief reads the YAML and reports them)");
                return ExitCodes.InvalidKnowledge;
            }

            output.WriteLine($"{k.Manifest.Name} {k.Manifest.Version}: valid; wrote {snapshot}");
            return ExitCodes.Ok;
        });
        return compile;
    }

    private static string Describe(KnowledgeSnapshotState state) => state switch
    {
        KnowledgeSnapshotState.Current => "current (matches every knowledge file; relief loads it instead of the YAML)",
        KnowledgeSnapshotState.Missing => "missing (relief reads the YAML; `relief kb compile` writes it)",
        KnowledgeSnapshotState.Stale => "stale (the knowledge files changed since it was written; relief reads the YAML)",
        _ => "unreadable (damaged, or written by another version of relief; relief reads the YAML)",
    };
}
