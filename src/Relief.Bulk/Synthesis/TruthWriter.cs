using System.Buffers;
using System.Text.Json;

namespace Relief.Bulk.Synthesis;

/// <summary>
/// One truth.ndjson line per patient: <c>{"patient":id,"expected":[keys...],"scenarios":[...]}</c>. Keys are
/// sorted; a patient with nothing to find has an empty list (a screen must then report nothing in the
/// families the truth covers).
/// </summary>
internal sealed class TruthWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public TruthWriter() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    public ReadOnlyMemory<byte> Written
    {
        get
        {
            _writer.Flush();
            return _buffer.WrittenMemory;
        }
    }

    public void Reset()
    {
        _writer.Flush();
        _buffer.Clear();
        _writer.Reset(_buffer);
    }

    public void Write(PatientPlan plan)
    {
        _writer.WriteStartObject();
        _writer.WriteString("patient"u8, plan.Id);
        _writer.WriteStartArray("expected"u8);
        foreach (var key in plan.Expected)
        {
            _writer.WriteStringValue(key);
        }

        _writer.WriteEndArray();
        _writer.WriteStartArray("scenarios"u8);
        foreach (var scenario in plan.Scenarios)
        {
            _writer.WriteStringValue(scenario);
        }

        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.Write("\n"u8);
        _writer.Reset(_buffer);
    }
}
