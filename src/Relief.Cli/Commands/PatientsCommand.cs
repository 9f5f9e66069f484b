using System.CommandLine;
using System.Globalization;
using NodaTime;
using Relief.Cli.Rendering;
using Relief.Core.Assessment;
using Relief.Store.Application;

namespace Relief.Cli.Commands;

/// <summary>`relief patients import|list|show|export`: the follow-up store's patients, addressed by FHIR Patient id.</summary>
public static class PatientsCommand
{
    public static Command Build()
    {
        var patients = new Command("patients", "Patients in the follow-up store: import FHIR bundles, list, show, export");
        patients.Subcommands.Add(Import());
        patients.Subcommands.Add(List());
        patients.Subcommands.Add(Show());
        patients.Subcommands.Add(Export());
        return patients;
    }

    private static Command Import()
    {
        var paths = new Argument<string[]>("bundles") { Description = "FHIR R4 Bundle JSON files, or directories of them", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import FHIR R4 bundles into the store (idempotent: the same bundle twice changes nothing; conflicts are reported)");
        command.Arguments.Add(paths);
        command.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            var (inputs, problems) = InputFiles.Expand(parse.GetValue(paths)!);
            foreach (var problem in problems)
            {
                error.WriteLine($"relief: {problem}");
            }

            var failures = problems.Count;
            foreach (var input in inputs)
            {
                var file = input.Path;
                if (!File.Exists(file))
                {
                    error.WriteLine($"relief: {file}: no such file or directory");
                    failures++;
                    continue;
                }

                var result = await store.ImportBundleAsync(await File.ReadAllBytesAsync(file, ct), StoreLocation.Actor, ct);
                if (!result.Succeeded)
                {
                    error.WriteLine($"relief: {file}: {result.Message}");
                    failures++;
                    continue;
                }

                var report = result.Value!;
                output.WriteLine($"{file}: {report}{(report.Measurements > 0 ? $", {report.Measurements} scores" : "")}");
                foreach (var conflict in report.Conflicts)
                {
                    output.WriteLine($"  conflict: {conflict}");
                }
            }

            return failures > 0 || inputs.Count == 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var size = new Option<int>("--page-size") { Description = "Patients per page (1-1000)", DefaultValueFactory = _ => 100 };
        var after = new Option<string?>("--after") { Description = "Cursor: list patients after this id (printed at the end of a full page)" };
        var command = new Command("list", "List stored patients: id, name, birth date, sex, open tasks, last diary entry");
        command.Options.Add(size);
        command.Options.Add(after);
        command.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            var pageSize = parse.GetValue(size);
            if (pageSize is < 1 or > PageRequest.MaxSize)
            {
                error.WriteLine($"relief: --page-size must be 1-{PageRequest.MaxSize}");
                return ExitCodes.InvalidInput;
            }

            var page = await store.ListPatientsAsync(new PageRequest(pageSize, parse.GetValue(after)), StoreLocation.Actor, ct);
            output.WriteLine($"{"id",-40} {"name",-28} {"born",-10} {"sex",-7} {"tasks",5}  last diary");
            foreach (var p in page.Items)
            {
                output.WriteLine($"{p.Id,-40} {Clip(p.Name ?? "", 28),-28} {p.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",-10} {p.Sex,-7} {p.OpenTasks,5}  {p.LastDiaryEntry?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-"}");
            }

            output.WriteLine(page.Next is { } next ? $"more: relief patients list --after {next}" : $"{page.Items.Length} patient(s)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The patient's FHIR Patient id" };
        var asOf = new Option<string?>("--as-of") { Description = "Assess as of this date (yyyy-MM-dd); default: today (UTC)" };
        var command = new Command("show", "Show a stored patient: courses, diary, crashes, side effects, labs, open tasks, and the assessment of the whole history");
        command.Arguments.Add(id);
        command.Options.Add(asOf);
        command.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            if (!StoreCommand.TryDate(parse.GetValue(asOf), "--as-of", error, out var date))
            {
                return ExitCodes.InvalidInput;
            }

            var patientId = parse.GetValue(id)!;
            var overview = await store.GetPatientAsync(patientId, StoreLocation.Actor, cancellationToken: ct);
            if (!overview.Succeeded)
            {
                error.WriteLine($"relief: {overview.Message}");
                return ExitCodes.InvalidInput;
            }

            var assessment = await store.AssessAsync(patientId, date, StoreLocation.Actor, ct);
            new PatientOverviewRenderer(output).Render(overview.Value!, assessment.Value!);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export()
    {
        var id = new Argument<string>("id") { Description = "The patient's FHIR Patient id" };
        var outFile = new Option<string?>("--out") { Description = "Write the bundle to this file instead of standard output" };
        var command = new Command("export", "Export a stored patient as a FHIR R4 Bundle (Observations with LOINC and UCUM, MedicationStatements, AdverseEvents, QuestionnaireResponses)");
        command.Arguments.Add(id);
        command.Options.Add(outFile);
        command.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            var result = await store.ExportPatientAsync(parse.GetValue(id)!, StoreLocation.Actor, ct);
            if (!result.Succeeded)
            {
                error.WriteLine($"relief: {result.Message}");
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(outFile) is { } path)
            {
                await File.WriteAllTextAsync(path, result.Value, ct);
                error.WriteLine($"relief: wrote {path}");
            }
            else
            {
                output.WriteLine(result.Value);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
