using System.CommandLine;
using System.Globalization;
using Relief.Store.Diary;

namespace Relief.Cli.Commands;

/// <summary>`relief diary add <id> ...`: one diary entry (pain, fatigue, exertion, sleep, mood, PEM crash, instrument answers).</summary>
public static class DiaryCommand
{
    public static Command Build()
    {
        var diary = new Command("diary", "The patient's symptom diary");
        var id = new Argument<string>("id") { Description = "The patient's FHIR Patient id" };
        var at = new Option<string?>("--at") { Description = "When (yyyy-MM-ddTHH:mm, UTC, or yyyy-MM-dd); default: now" };
        var pain = new Option<int?>("--pain") { Description = "Pain 0-10" };
        var fatigue = new Option<int?>("--fatigue") { Description = "Fatigue 0-10" };
        var exertion = new Option<int?>("--exertion") { Description = "Exertion relative to your energy envelope 0-10" };
        var sleepHours = new Option<decimal?>("--sleep-hours") { Description = "Hours slept 0-24" };
        var sleepQuality = new Option<int?>("--sleep-quality") { Description = "Sleep quality 0-10" };
        var mood = new Option<int?>("--mood") { Description = "Mood 0-10" };
        var pem = new Option<int?>("--pem") { Description = "A post-exertional malaise crash starting now, severity 0-10" };
        var sites = new Option<string[]>("--site") { Description = "Body site (head, neck, shoulder, back, hip, knee, foot...); repeat for several", AllowMultipleArgumentsPerToken = false };
        var qualities = new Option<string[]>("--quality") { Description = "Pain quality (burning, shooting, tingling, numbness, aching, stabbing); repeat for several" };
        var instruments = new Option<string[]>("--instrument") { Description = "An instrument score as id=value (phq-9=12, gad-7=8, peg=5.3, fiqr=54, dsq-pem=3, promis-fatigue-7a=62.1)" };
        var note = new Option<string?>("--note") { Description = "A note in your own words" };

        var add = new Command("add", "Record a diary entry; every value is checked (range, known site, quality and instrument, no future date) and nothing is stored if one is wrong");
        add.Arguments.Add(id);
        foreach (var option in new Option[] { at, pain, fatigue, exertion, sleepHours, sleepQuality, mood, pem, sites, qualities, instruments, note })
        {
            add.Options.Add(option);
        }

        add.SetAction((parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!TryParseAt(parse.GetValue(at), out var when))
            {
                error.WriteLine($"relief: --at '{parse.GetValue(at)}' is not a date or time (expected yyyy-MM-ddTHH:mm or yyyy-MM-dd)");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var answers = new List<InstrumentAnswer>();
            foreach (var text in parse.GetValue(instruments) ?? [])
            {
                var eq = text.IndexOf('=');
                if (eq <= 0 || !decimal.TryParse(text[(eq + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    error.WriteLine($"relief: --instrument '{text}' is not id=value (e.g. phq-9=12)");
                    return Task.FromResult(ExitCodes.InvalidInput);
                }

                answers.Add(new InstrumentAnswer(text[..eq].Trim(), value));
            }

            var input = new DiaryInput
            {
                At = when,
                Pain = parse.GetValue(pain),
                Fatigue = parse.GetValue(fatigue),
                Exertion = parse.GetValue(exertion),
                SleepHours = parse.GetValue(sleepHours),
                SleepQuality = parse.GetValue(sleepQuality),
                Mood = parse.GetValue(mood),
                PemSeverity = parse.GetValue(pem),
                BodySites = parse.GetValue(sites) ?? [],
                PainQualities = parse.GetValue(qualities) ?? [],
                Instruments = answers,
                Notes = parse.GetValue(note),
            };
            return StoreCommand.RunAsync(parse, ct, async (store, output, err) =>
            {
                var result = await store.AddDiaryEntryAsync(parse.GetValue(id)!, input, StoreLocation.Actor, ct);
                if (!result.Succeeded)
                {
                    err.WriteLine($"relief: {result.Message}");
                    return ExitCodes.InvalidInput;
                }

                var entry = result.Value!;
                output.WriteLine($"recorded diary entry {entry.Id} at {entry.At:yyyy-MM-dd HH:mm}Z{(entry.Measurements.IsEmpty ? "" : $" with {entry.Measurements.Length} instrument score(s)")}{(input.PemSeverity is { } s ? $" and a PEM crash (severity {s})" : "")}");
                return ExitCodes.Ok;
            });
        });
        diary.Subcommands.Add(add);
        return diary;
    }

    private static bool TryParseAt(string? text, out DateTime? at)
    {
        at = null;
        if (text is null)
        {
            return true;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            at = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        return false;
    }
}
