using System.CommandLine;
using System.Globalization;
using NodaTime.Text;
using Relief.Store.Application;

namespace Relief.Cli.Commands;

/// <summary>`relief goals add|list|status`: the patient's own goals, with an optional target on an instrument.</summary>
public static class GoalsCommand
{
    public static Command Build()
    {
        var goals = new Command("goals", "The patient's own goals (what they want to be able to do, and a target on a score if any)");
        goals.Subcommands.Add(Add());
        goals.Subcommands.Add(List());
        goals.Subcommands.Add(Status());
        return goals;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = "The patient's FHIR Patient id" };
        var text = new Option<string>("--text") { Description = "The goal in the patient's words", Required = true };
        var instrument = new Option<string?>("--instrument") { Description = "The instrument a target is measured on (pain-nrs, peg, phq-9, fiqr...)" };
        var target = new Option<decimal?>("--target") { Description = "The target value on that instrument (within its range)" };
        var comparator = new Option<string?>("--comparator") { Description = "<= or >= (default: the instrument's better direction)" };
        var start = new Option<string?>("--start") { Description = "Start date (yyyy-MM-dd); default: today (UTC)" };
        var due = new Option<string?>("--due") { Description = "Date to reach the goal by (yyyy-MM-dd)" };
        var note = new Option<string?>("--note") { Description = "A note" };
        var add = new Command("add", "Record a goal; the text is required, a target needs a known instrument and a value in its range");
        add.Arguments.Add(id);
        foreach (var option in new Option[] { text, instrument, target, comparator, start, due, note })
        {
            add.Options.Add(option);
        }

        add.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            if (!StoreCommand.TryDate(parse.GetValue(start), "--start", error, out var startDate))
            {
                return ExitCodes.InvalidInput;
            }

            DateOnly? dueDate = null;
            if (parse.GetValue(due) is { } dueText)
            {
                if (LocalDatePattern.Iso.Parse(dueText) is not { Success: true } parsed)
                {
                    error.WriteLine($"relief: --due '{dueText}' is not a date (expected yyyy-MM-dd)");
                    return ExitCodes.InvalidInput;
                }

                dueDate = parsed.Value.ToDateOnly();
            }

            var input = new GoalInput(parse.GetValue(text)!, startDate.ToDateOnly(), parse.GetValue(instrument), parse.GetValue(target), parse.GetValue(comparator), dueDate, parse.GetValue(note));
            var result = await store.AddGoalAsync(parse.GetValue(id)!, input, StoreLocation.Actor, ct);
            if (!result.Succeeded)
            {
                error.WriteLine($"relief: {result.Message}");
                return ExitCodes.InvalidInput;
            }

            output.WriteLine($"recorded goal {result.Value!.Id}: {Line(result.Value)}");
            return ExitCodes.Ok;
        }));
        return add;
    }

    private static Command List()
    {
        var id = new Argument<string>("id") { Description = "The patient's FHIR Patient id" };
        var list = new Command("list", "The patient's current goals, active first");
        list.Arguments.Add(id);
        list.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            var result = await store.GoalsAsync(parse.GetValue(id)!, StoreLocation.Actor, ct);
            if (!result.Succeeded)
            {
                error.WriteLine($"relief: {result.Message}");
                return ExitCodes.InvalidInput;
            }

            foreach (var goal in result.Value)
            {
                output.WriteLine($"{goal.Id,6}  v{goal.Version}  {Line(goal)}");
            }

            output.WriteLine($"{result.Value.Length} goal(s)");
            return ExitCodes.Ok;
        }));
        return list;
    }

    private static Command Status()
    {
        var goalId = new Argument<long>("goal-id") { Description = "The goal's id (from `relief goals list`)" };
        var version = new Option<int>("--version") { Description = "The goal's version as listed (a stale one is refused)", Required = true };
        var lifecycle = new Option<string?>("--lifecycle") { Description = "proposed, planned, accepted, active, on-hold, completed, cancelled or rejected" };
        var achievement = new Option<string?>("--achievement") { Description = "in-progress, improving, worsening, no-change, achieved, sustaining, not-achieved, no-progress or not-attainable" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the amendment trail)" };
        var status = new Command("status", "Change a goal's status; the earlier status stays in the amendment trail");
        status.Arguments.Add(goalId);
        foreach (var option in new Option[] { version, lifecycle, achievement, reason })
        {
            status.Options.Add(option);
        }

        status.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            var result = await store.UpdateGoalStatusAsync(parse.GetValue(goalId), parse.GetValue(version), new GoalStatusInput(parse.GetValue(lifecycle), parse.GetValue(achievement), parse.GetValue(reason)), StoreLocation.Actor, ct);
            if (!result.Succeeded)
            {
                error.WriteLine($"relief: {result.Message}");
                return ExitCodes.InvalidInput;
            }

            output.WriteLine($"goal {result.Value!.Id} is now v{result.Value.Version}: {Line(result.Value)}");
            return ExitCodes.Ok;
        }));
        return status;
    }

    private static string Line(GoalView g)
    {
        var target = g.Target is { } t ? $"; target {t}" : "";
        var due = g.DueDate is { } d ? $" by {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
        var achievement = g.Achievement is { } a ? $", {a}" : "";
        return $"{g.Text}{target}{due} [{g.Lifecycle}{achievement}, since {g.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}]";
    }
}
