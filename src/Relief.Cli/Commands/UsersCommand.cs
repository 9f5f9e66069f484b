using System.CommandLine;
using Relief.Web.SignIn;

namespace Relief.Cli.Commands;

/// <summary>
/// `relief users add|remove|list`: the accounts people sign in to the web pages with (docs/web.md, "Sign-in").
/// The password is read from standard input (one line), never from the command line, where the process list
/// and the shell history would keep it; the file holds only ASP.NET Core Identity password hashes.
/// </summary>
public static class UsersCommand
{
    private static readonly Option<string?> FileOption = new("--users")
    {
        Description = "The accounts file `relief serve --users` reads (default ~/.local/share/relief/web-users.json)",
    };

    public static Command Build()
    {
        var users = new Command("users", "Accounts for the web pages: add (password on stdin), remove, list");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(Remove());
        users.Subcommands.Add(List());
        return users;
    }

    private static WebUserFile Open(ParseResult parse) => new(parse.GetValue(FileOption) ?? WebUserFile.DefaultPath());

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The name the person signs in with" };
        var role = new Option<string>("--role") { Description = "patient or clinician", Required = true };
        role.AcceptOnlyFromAmong(WebRoles.Patient, WebRoles.Clinician);
        var patient = new Option<string?>("--patient") { Description = "patient: their own FHIR Patient id in the store" };
        var panel = new Option<string[]>("--panel") { Description = "clinician: a patient id of their panel (repeatable)" };
        var all = new Option<bool>("--all-patients") { Description = "clinician: every stored patient" };
        var command = new Command("add", "Add or replace an account; the password (12 characters or more) is read from standard input");
        command.Arguments.Add(name);
        foreach (var option in new Option[] { role, patient, panel, all, FileOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!Console.IsInputRedirected)
            {
                output.Write("Password: ");
            }

            var password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden();
            var file = Open(parse);
            var user = new WebUser
            {
                Name = parse.GetValue(name)!,
                PasswordHash = "",
                Role = parse.GetValue(role)!,
                Patient = parse.GetValue(patient),
                Patients = parse.GetValue(panel) ?? [],
                AllPatients = parse.GetValue(all),
            };
            try
            {
                if (file.Save(user, password ?? "") is { } problem)
                {
                    error.WriteLine($"relief: {problem}");
                    return ExitCodes.InvalidInput;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"relief: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            output.WriteLine($"{user.Name} ({user.Role}) saved in {file.Path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name");
        var command = new Command("remove", "Remove an account (its sessions end at their next request)");
        command.Arguments.Add(name);
        command.Options.Add(FileOption);
        command.SetAction(parse =>
        {
            var file = Open(parse);
            if (!file.Remove(parse.GetValue(name)!))
            {
                parse.InvocationConfiguration.Error.WriteLine($"relief: no account '{parse.GetValue(name)}' in {file.Path}");
                return ExitCodes.InvalidInput;
            }

            parse.InvocationConfiguration.Output.WriteLine($"{parse.GetValue(name)} removed from {file.Path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The accounts, their role and reach (never their password hashes)");
        command.Options.Add(FileOption);
        command.SetAction(parse =>
        {
            foreach (var user in Open(parse).Users().Values.OrderBy(u => u.Name, StringComparer.Ordinal))
            {
                var reach = user.Role == WebRoles.Patient ? $"patient {user.Patient}" : user.AllPatients ? "all patients" : $"panel {string.Join(", ", user.Patients)}";
                parse.InvocationConfiguration.Output.WriteLine($"{user.Name}\t{user.Role}\t{reach}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A password typed at a terminal, not echoed.</summary>
    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return text.ToString();
    }
}
