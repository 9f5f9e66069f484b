using Relief.Service.Hosting;

// Standalone entry (dotnet run --project src/Relief.Service, and WebApplicationFactory); `relief serve` is the usual one.
var app = ServiceHost.Build(args);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
