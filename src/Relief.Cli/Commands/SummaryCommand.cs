using System.CommandLine;
using NodaTime;
using Relief.Reports.VisitSummary;
using Relief.Store.Application;

namespace Relief.Cli.Commands;

/// <summary>`relief summary &lt;id&gt; --pdf FILE --html FILE`: the clinician's visit summary of a stored patient.</summary>
public static class SummaryCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("id") { Description = "The patient's FHIR Patient id" };
        var pdf = new Option<string?>("--pdf") { Description = "Write the summary as a PDF to this file" };
        var html = new Option<string?>("--html") { Description = "Write the summary as one printable HTML file" };
        var since = new Option<string?>("--since") { Description = $"The last visit (yyyy-MM-dd): 'what changed' starts after it; default: {VisitSummaryBuilder.DefaultSinceDays} days before --as-of" };
        var asOf = new Option<string?>("--as-of") { Description = "Summarise as of this date (yyyy-MM-dd); default: today (UTC)" };
        var command = new Command("summary", "The visit summary of a stored patient: changes since the last visit, scores over time, medicines with adherence, side effects, open findings and overdue tests");
        command.Arguments.Add(id);
        command.Options.Add(pdf);
        command.Options.Add(html);
        command.Options.Add(since);
        command.Options.Add(asOf);
        command.SetAction((parse, ct) => StoreCommand.RunAsync(parse, ct, async (store, output, error) =>
        {
            var pdfPath = parse.GetValue(pdf);
            var htmlPath = parse.GetValue(html);
            if (pdfPath is null && htmlPath is null)
            {
                error.WriteLine("relief: summary needs --pdf FILE and/or --html FILE");
                return ExitCodes.InvalidInput;
            }

            if (!StoreCommand.TryDate(parse.GetValue(asOf), "--as-of", error, out var date))
            {
                return ExitCodes.InvalidInput;
            }

            LocalDate? from = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                if (!StoreCommand.TryDate(sinceText, "--since", error, out var parsed))
                {
                    return ExitCodes.InvalidInput;
                }

                if (parsed > date)
                {
                    error.WriteLine($"relief: --since {parsed:yyyy-MM-dd} is after the summary date {date:yyyy-MM-dd}");
                    return ExitCodes.InvalidInput;
                }

                from = parsed;
            }

            var patientId = parse.GetValue(id)!;
            var built = await new VisitSummaryBuilder(store).BuildAsync(patientId, date, from, StoreLocation.Actor, ct);
            if (!built.Succeeded)
            {
                error.WriteLine($"relief: {built.Message}");
                return built.Outcome == StoreOutcome.NotFound ? ExitCodes.InvalidInput : ExitCodes.InternalError;
            }

            try
            {
                if (pdfPath is not null)
                {
                    await File.WriteAllBytesAsync(pdfPath, VisitSummaryPdf.Render(built.Value!), ct);
                    output.WriteLine($"wrote {pdfPath}");
                }

                if (htmlPath is not null)
                {
                    await File.WriteAllTextAsync(htmlPath, VisitSummaryHtml.Render(built.Value!, stylesheetHref: null), ct);
                    output.WriteLine($"wrote {htmlPath}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"relief: cannot write the summary: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
