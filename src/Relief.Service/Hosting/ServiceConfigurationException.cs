namespace Relief.Service.Hosting;

/// <summary>A setting the service cannot run with; its message names the setting and what is wrong (no stack trace for users).</summary>
public sealed class ServiceConfigurationException(string message) : Exception(message);
