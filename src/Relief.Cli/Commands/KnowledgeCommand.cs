using System.CommandLine;
using Relief.Cli.Rendering;
using Relief.Core.Knowledge.Loading;

namespace Relief.Cli.Commands;

/// <summary>`relief kb validate`, `relief kb show` and `relief kb compile`: the knowledge author's tools.</summary>
public static class KnowledgeCommand
{
    public static Command Build()
    {
        var kb = new Command("kb", "Validate and inspect the knowledge base");

        var validate = new Command("validate", "Check every knowledge file: schema, unique ids, references, sources, code formats");
        validate.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var directory = KnowledgeLocation.Resolve(parse.GetValue(ReliefCommand.KnowledgeOption));
            // The YAML itself, never the snapshot: this is the author's check of the files.
            var result = KnowledgeLoader.LoadYaml(directory);
            if (result.Knowledge is not { } k)
            {
                foreach (var problem in result.Errors)
                {
                    output.WriteLine(problem);
                }

                output.WriteLine($"{result.Errors.Length} problem(s) in {directory}");
                return ExitCodes.InvalidKnowledge;
            }

#if !RELIEF_FAST
            var followUp = StoreLocation.LoadFollowUp(directory, k, output);
            if (followUp is null)
            {
                return ExitCodes.InvalidKnowledge;
            }
#endif

            output.WriteLine($"{k.Manifest.Name} {k.Manifest.Version}: valid");
            output.WriteLine(
                $"  {k.Sources.Count} sources, {k.Conditions.Length} conditions ({k.ConditionsByCode.Count} codes), " +
                $"{k.Classes.Count} drug classes, {k.Drugs.Count} drugs, {k.Products.Count} products, {k.Therapies.Count} therapies, " +
                $"{k.Statements.Length} evidence statements");
            output.WriteLine(
                $"  safety: {k.Safety.Factors.Count} patient factors, {k.Safety.Cautions.Length} cautions, {k.Safety.Interactions.Length} interactions, " +
                $"{k.Safety.DoseRules.Length} dose rules, {k.Safety.Vaccines.Length} vaccine entries, {k.Safety.Tests.Count} lab tests, " +
                $"{k.Safety.Protocols.Length} monitoring protocols, {k.Safety.AdequateTrials.Length} adequate trials, {k.Safety.Tapering.Length} taper rules");
#if RELIEF_FAST
            output.WriteLine("  follow-up: not checked by the Native AOT batch binary (run `relief kb validate` from the JIT build)");
#else
            output.WriteLine(
                $"  follow-up: {followUp.Instruments.Length} instruments, {followUp.Regions.Count} body-map regions, {followUp.Qualities.Count} pain qualities, " +
                $"{followUp.Questionnaires.Length} questionnaire map(s), {followUp.Pacing.Advice.Length} pacing statements");
#endif
            return ExitCodes.Ok;
        });

        var query = new Argument<string>("id-or-code") { Description = "An id (fibromyalgia, duloxetine, neupsig-2015, opioid-benzodiazepine, methotrexate...) or a code (203082005, snomed|203082005, M79.7, 1049221)" };
        var show = new Command("show", "Show a knowledge entry by id or code, with what cites it");
        show.Arguments.Add(query);
        show.SetAction(parse =>
        {
            var directory = KnowledgeLocation.Resolve(parse.GetValue(ReliefCommand.KnowledgeOption));
            var knowledge = KnowledgeLocation.LoadOrReport(directory, parse.InvocationConfiguration.Error);
            if (knowledge is null)
            {
                return ExitCodes.InvalidKnowledge;
            }

            var text = parse.GetValue(query)!;
            var found = new KnowledgeEntryRenderer(knowledge, parse.InvocationConfiguration.Output).Show(text);
            if (!found)
            {
                parse.InvocationConfiguration.Error.WriteLine($"relief: nothing in the knowledge base has the id or code '{text}'");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Ok;
        });

        kb.Subcommands.Add(validate);
        kb.Subcommands.Add(show);
        kb.Subcommands.Add(KnowledgeCompileCommand.Build());
        return kb;
    }
}
