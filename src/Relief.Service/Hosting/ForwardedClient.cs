using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Relief.Service.Hosting;

/// <summary>
/// The client's address behind a reverse proxy. The service listens on loopback only, so behind a proxy on the same
/// machine every client would be 127.0.0.1 and the per-address sign-in limit one limit for everyone. Only the proxies
/// named in <see cref="ReliefServiceOptions.TrustedProxies"/> are believed, and only for the one address each appends
/// (a client can write anything into the header before it reaches the proxy).
/// </summary>
internal static class ForwardedClient
{
    public static void UseForwardedClient(this WebApplication app, ReliefServiceOptions options)
    {
        if (options.TrustedProxies.Length == 0)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        // ASP.NET Core trusts loopback by default: here only the configured proxies are trusted.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in options.TrustedProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new ServiceConfigurationException($"Relief:TrustedProxies '{proxy}' is not an IP address"));
        }

        app.UseForwardedHeaders(forwarded);
    }
}
