using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Relief.Service.Observability;

/// <summary>
/// The service's own traces and metrics (OpenTelemetry reads them by name): latency per hook and cards per
/// response, tagged with the hook and the HTTP status only — never a patient, user or token.
/// </summary>
public sealed class CdsTelemetry : IDisposable
{
    public const string Name = "Relief.Service";

    private readonly Meter _meter;

    public CdsTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        RequestDuration = _meter.CreateHistogram<double>("relief.cds.request.duration", "ms", "Time to answer a CDS Hooks service call, by hook");
        CardsPerResponse = _meter.CreateHistogram<int>("relief.cds.cards", "{card}", "Cards in one CDS Hooks response, by hook");
        FeedbackItems = _meter.CreateCounter<long>("relief.cds.feedback", "{item}", "Feedback items stored, by outcome");
    }

    public static ActivitySource Source { get; } = new(Name);

    public Histogram<double> RequestDuration { get; }

    public Histogram<int> CardsPerResponse { get; }

    public Counter<long> FeedbackItems { get; }

    public void Dispose() => _meter.Dispose();
}
