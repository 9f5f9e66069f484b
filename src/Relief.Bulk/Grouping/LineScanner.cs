using System.Text;
using System.Text.Json;
using Relief.Fhir.Reading;

namespace Relief.Bulk.Grouping;

/// <summary>
/// The first pass's look at one NDJSON line, with a forward-only <see cref="Utf8JsonReader"/> and no document:
/// the resource type, the patient it is about (<c>subject</c> or <c>patient</c> reference, or a Patient's own id)
/// and whether it is well-formed. Lines of other types stop being read once their type is known, which is what
/// makes an Encounter- and Claim-heavy export cheap. Lines of a type the engine reads are checked to the end,
/// unless the caller defers that check (<see cref="ScanMode.PatientOnly"/>): the screen's first pass stops at the
/// patient, because its second pass parses every line anyway and reports a line that turns out malformed with its
/// file and line (<see cref="Screening.DeferredLineCheck"/>).
/// </summary>
public static class LineScanner
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };

    /// <param name="line">One NDJSON line.</param>
    /// <param name="onlyShard">
    /// For a shard that need not count this line (<see cref="ShardSpec.ReportsLine"/> is false): stop reading as soon as
    /// the line is known to be about a patient of another shard and return <see cref="LineKey.OtherShard"/>. FHIR JSON
    /// puts <c>resourceType</c> and <c>id</c> first and <c>subject</c> early, so the rest of the line (values, codings,
    /// notes) is never tokenised: each of N shards reads the whole export but fully scans only its own 1/N of it.
    /// </param>
    /// <param name="mode">Whether a line about a patient is read to its end (checked) or only up to the patient.</param>
    public static LineKey Scan(ReadOnlySpan<byte> line, ShardSpec? onlyShard = null, ScanMode mode = ScanMode.Whole)
    {
        if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
        {
            return LineKey.Blank;
        }

        // Text that is not UTF-8 cannot be read as strings anywhere after this (the reader throws on it): the line is
        // reported here, with its file and line, instead of failing the run where its text is first read.
        if (Utf8Text.FirstInvalidByte(line) is var invalid and >= 0)
        {
            return LineKey.Bad($"not UTF-8 text at byte {invalid + 1}");
        }

        try
        {
            return ScanObject(line, onlyShard, mode);
        }
        catch (JsonException exception)
        {
            var reason = exception.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = (cut > 0 ? reason[..cut] : reason).TrimEnd('.');
            return LineKey.Bad($"malformed JSON at byte {(exception.BytePositionInLine ?? 0) + 1}: {reason}");
        }
    }

    private static LineKey ScanObject(ReadOnlySpan<byte> line, ShardSpec? onlyShard, ScanMode mode)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(Options));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return LineKey.Bad($"expected a FHIR resource (a JSON object), found {reader.TokenType}");
        }

        string? type = null, id = null;
        PatientReference? subject = null, patient = null;
        var read = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resourceType"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? LastType.Of(ref reader) : null;
                if (type is not null && !ReadResourceTypes.IsRead(type))
                {
                    read = false;
                    break;
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();

                // Only a Patient's or a Medication's own id is used: once the type says it is neither (FHIR JSON
                // puts resourceType first), the id is not made into a string.
                id = reader.TokenType == JsonTokenType.String && (type is null || type == "Patient" || ReadResourceTypes.IsShared(type))
                    ? reader.GetString()
                    : null;
                if (id is null)
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("subject"u8))
            {
                reader.Read();
                subject = Reference(ref reader);
            }
            else if (reader.ValueTextEquals("patient"u8))
            {
                reader.Read();
                patient = Reference(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if ((onlyShard is not null || mode == ScanMode.PatientOnly) && type is not null && read && OwnPatient(type, id, subject, patient) is { } owner)
            {
                if (onlyShard is { } shard && !shard.Contains(PatientHash.Of(owner)))
                {
                    return LineKey.OtherShard;
                }

                if (mode == ScanMode.PatientOnly)
                {
                    // The rest of the line is checked when the second pass parses it (DeferredLineCheck).
                    return new LineKey(LineKind.PatientResource, type, owner, null);
                }
            }
        }

        if (read)
        {
            // The whole object has been read; a second value after it makes Read throw (malformed JSON).
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return LineKey.Bad($"expected one JSON object, found {reader.TokenType}");
            }
        }

        if (type is null)
        {
            return LineKey.Bad("no resourceType");
        }

        if (!read)
        {
            return new LineKey(LineKind.Ignored, type, null, null);
        }

        if (ReadResourceTypes.IsShared(type))
        {
            return string.IsNullOrEmpty(id) ? LineKey.Bad("Medication without an id cannot be referenced", type) : new LineKey(LineKind.Medication, type, id, null);
        }

        if (type == "Patient")
        {
            return string.IsNullOrEmpty(id) ? LineKey.Bad("Patient without an id", type) : new LineKey(LineKind.PatientResource, type, id, null);
        }

        var element = ReadResourceTypes.SubjectElement(type);
        var reference = element == "patient" ? patient : subject;
        if (reference is not { } found)
        {
            return LineKey.Bad($"{type} has no {element}.reference: the patient it is about is unknown", type);
        }

        return found.PatientId is { } patientId
            ? new LineKey(LineKind.PatientResource, type, patientId, null)
            : LineKey.Bad($"{type}.{element}.reference \"{found.Text}\" does not name a Patient (expected Patient/id)", type);
    }

    /// <summary>The patient a line of a read type is about, once the properties that say so have been seen; null before.</summary>
    private static string? OwnPatient(string type, string? id, PatientReference? subject, PatientReference? patient)
    {
        if (ReadResourceTypes.IsShared(type))
        {
            return null;
        }

        if (type == "Patient")
        {
            return string.IsNullOrEmpty(id) ? null : id;
        }

        var reference = ReadResourceTypes.SubjectElement(type) == "patient" ? patient : subject;
        return reference?.PatientId;
    }

    /// <summary>The <c>reference</c> of a Reference object (the last one given); the reader is left on the object's end.</summary>
    private static PatientReference? Reference(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        PatientReference? reference = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isReference = reader.ValueTextEquals("reference"u8);
            reader.Read();
            if (isReference && reader.TokenType == JsonTokenType.String)
            {
                reference = PatientReference.Read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return reference;
    }

    /// <summary>The id in <c>Patient/id</c>, <c>…/Patient/id</c> or either with <c>/_history/n</c>; null for anything else.</summary>
    public static string? PatientIdOf(string reference)
    {
        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        var target = history < 0 ? reference.AsSpan() : reference.AsSpan(0, history);
        var slash = target.LastIndexOf('/');
        if (slash <= 0 || slash == target.Length - 1)
        {
            return null;
        }

        var head = target[..slash];
        return head.SequenceEqual("Patient") || head.EndsWith("/Patient", StringComparison.Ordinal)
            ? target[(slash + 1)..].ToString()
            : null;
    }
}
