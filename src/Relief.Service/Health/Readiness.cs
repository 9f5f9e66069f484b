using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Relief.Service.Health;

/// <summary>Ready once the engine has answered a first assessment and the feedback store is migrated (see <see cref="Hosting.EngineWarmup"/>).</summary>
public sealed class Readiness : IHealthCheck
{
    private volatile string? _notReady = "starting: warming up the engine and the feedback store";

    public bool IsReady => _notReady is null;

    public void MarkReady() => _notReady = null;

    public void MarkFailed(string reason) => _notReady = reason;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_notReady is null ? HealthCheckResult.Healthy("ready") : HealthCheckResult.Unhealthy(_notReady));
}
