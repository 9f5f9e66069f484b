using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Relief.Service.Tests.Support;

/// <summary>Every log event the service writes, as the JSON line the console would show.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly CompactJsonFormatter _formatter = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        _formatter.Format(logEvent, writer);
        Lines.Enqueue(writer.ToString());
    }
}
