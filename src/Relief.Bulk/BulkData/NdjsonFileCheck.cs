using System.Text;
using System.Text.Json;

namespace Relief.Bulk.BulkData;

/// <summary>
/// Checks an NDJSON file as it streams past: counts non-empty lines and checks that each is a JSON object whose
/// <c>resourceType</c> is the type the manifest announced. Chunks may split lines anywhere; a partial line is kept
/// until its end arrives. Only the first few problems are kept, with their line numbers.
/// </summary>
internal sealed class NdjsonFileCheck(string expectedType)
{
    private const int MaxProblems = 5;
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(expectedType);
    private readonly List<byte> _partial = [];
    private long _lineNumber;

    public long Lines { get; private set; }

    public long WrongType { get; private set; }

    public List<string> Problems { get; } = [];

    public void Append(ReadOnlySpan<byte> chunk)
    {
        while (chunk.Length > 0)
        {
            var end = chunk.IndexOf((byte)'\n');
            if (end < 0)
            {
                _partial.AddRange(chunk);
                return;
            }

            if (_partial.Count > 0)
            {
                _partial.AddRange(chunk[..end]);
                Line([.. _partial]);
                _partial.Clear();
            }
            else
            {
                Line(chunk[..end]);
            }

            chunk = chunk[(end + 1)..];
        }
    }

    public void Complete()
    {
        if (_partial.Count > 0)
        {
            Line([.. _partial]);
            _partial.Clear();
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        _lineNumber++;
        line = line.TrimEnd((byte)'\r');
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        Lines++;
        var found = ResourceType(line, out var problem);
        if (problem is not null)
        {
            WrongType++;
            Note($"line {_lineNumber}: {problem}");
        }
        else if (!found.SequenceEqual(_expected))
        {
            WrongType++;
            Note($"line {_lineNumber}: resourceType {Encoding.UTF8.GetString(found)}, expected {Encoding.UTF8.GetString(_expected)}");
        }
    }

    private void Note(string problem)
    {
        if (Problems.Count < MaxProblems)
        {
            Problems.Add(problem);
        }
    }

    /// <summary>The top-level resourceType of one line, without building a document.</summary>
    private static ReadOnlySpan<byte> ResourceType(ReadOnlySpan<byte> line, out string? problem)
    {
        problem = null;
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "not a JSON object";
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("resourceType"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                {
                    return reader.ValueSpan;
                }

                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            problem = $"malformed JSON ({e.Message})";
            return default;
        }

        problem = "no resourceType";
        return default;
    }
}
