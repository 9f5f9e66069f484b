using Relief.Service.CdsHooks.Cards;
using Relief.Service.Fhir;
using Relief.Service.Health;
using Relief.Store.Feedback;

namespace Relief.Service.Hosting;

/// <summary>
/// After start: migrates the feedback tables and runs Firely's serializer once (its model inspection costs
/// about a second on first use), then marks the service ready. Until then /readyz answers 503.
/// </summary>
internal sealed class EngineWarmup(FeedbackStore store, Readiness readiness, ILogger<EngineWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.MigrateAsync(stoppingToken);
            _ = FirelyJson.Serialize(OperationOutcomes.Build("informational", null, "warm-up", "warm-up"));
            _ = ServiceRequests.Build(new Core.Assessment.Findings.OrderProposal("ServiceRequest", new Core.Codes.Code(Core.Codes.CodeSystems.Loinc, "1742-6"), "ALT"), "warm-up", "Practitioner/warm-up", null, "warm-up");
            readiness.MarkReady();
            logger.LogInformation("Relief CDS Hooks service ready; feedback store: {Store}", store.Connection.Provider);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            readiness.MarkFailed($"not ready: the feedback store could not be opened ({e.GetType().Name})");
            logger.LogError("Feedback store could not be opened ({ExceptionType}); /readyz reports not ready", e.GetType().Name);
        }
    }
}
