using Relief.Bulk.Grouping;
using Relief.Bulk.Summary;

namespace Relief.Bulk.Screening;

/// <summary>
/// The check the first pass leaves to the second (<see cref="ScanMode.PatientOnly"/>): a line about a patient is
/// read there only up to the patient it names, so a line malformed after that point is first noticed when the
/// screener parses it, and the screener then reports the whole patient as unreadable. Only for such a patient,
/// its lines are scanned whole here, exactly as a checking first pass would have scanned them; the bad ones are
/// reported with the file and line they came from, and the patient is screened again without them. The result
/// is what a first pass that checks every line gives: the same bad lines, the same counts, the same rows, and a
/// bad line costs the patient nothing else. Patients whose lines all parse (nearly all) pay nothing.
/// </summary>
internal sealed class DeferredLineCheck(PatientScreener screener, IReadOnlyList<string> fileNames)
{
    public ScreenedPatient Screen(PatientLines patient)
    {
        var outcome = screener.Screen(patient);
        if (outcome.Error is null || patient.Origins.Count != patient.Lines.Count)
        {
            return new ScreenedPatient(outcome, []);
        }

        var badLines = new List<DeferredBadLine>();
        var keptLines = new List<ReadOnlyMemory<byte>>(patient.Lines.Count);
        var keptOrigins = new List<LineOrigin>(patient.Lines.Count);
        for (var i = 0; i < patient.Lines.Count; i++)
        {
            var line = patient.Lines[i].Span;
            var origin = patient.Origins[i];
            if (LineScanner.Scan(line) is { Kind: LineKind.Bad } bad)
            {
                // The first pass counted it as a resource of the type it read before stopping: that count is taken back.
                var type = LineScanner.Scan(line, mode: ScanMode.PatientOnly).ResourceType ?? "";
                badLines.Add(new DeferredBadLine(new BadLine(fileNames[origin.File], origin.Line, bad.Problem!), type));
            }
            else
            {
                keptLines.Add(patient.Lines[i]);
                keptOrigins.Add(origin);
            }
        }

        if (badLines.Count == 0)
        {
            // Not a malformed line (a reader error, or a spill file damaged between runs): the outcome stands.
            return new ScreenedPatient(outcome, []);
        }

        // A patient whose every line is bad was never a patient: a checking first pass would not have spilled them.
        return keptLines.Count == 0
            ? new ScreenedPatient(null, badLines)
            : new ScreenedPatient(screener.Screen(new PatientLines(patient.PatientId, keptLines) { Origins = keptOrigins }), badLines);
    }
}

/// <summary>One patient screened: the outcome (none when every line was bad) and the lines found malformed.</summary>
internal sealed record ScreenedPatient(PatientOutcome? Outcome, IReadOnlyList<DeferredBadLine> BadLines);

/// <summary>A line found malformed in the second pass, and the resource type the first pass counted it as.</summary>
internal readonly record struct DeferredBadLine(BadLine Line, string ResourceType);
