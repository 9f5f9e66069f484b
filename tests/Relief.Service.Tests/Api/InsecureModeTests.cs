using System.Net;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests.Api;

/// <summary>--insecure-no-auth opens the API for development, under a named actor in the audit trail.</summary>
public sealed class InsecureModeTests(InsecureApiHost host) : IClassFixture<InsecureApiHost>
{
    [Fact]
    public async Task Without_a_token_the_api_answers_and_the_audit_names_the_insecure_actor()
    {
        using var client = host.Client();

        var list = await Json.IdsAsync(await client.GetAsync("/api/patients"));
        var created = await client.PostAsync($"/api/patients/{ApiHost.Neuropathic}/diary", Json.Body(new { pain = 2 }));

        Assert.Equal([ApiHost.Neuropathic, ApiHost.Ra], list);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(await host.AuditAsync(), a => a is { Actor: "insecure-no-auth", Action: "create", PatientId: ApiHost.Neuropathic });
    }

    [Fact]
    public async Task A_valid_token_is_still_honoured_so_its_reach_and_sub_apply()
    {
        using var client = host.Client(host.Tokens.Patient("dev-patient", ApiHost.Ra));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/patients/{ApiHost.Neuropathic}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{ApiHost.Ra}")).StatusCode);
        Assert.Contains(await host.AuditAsync(), a => a is { Actor: "dev-patient", PatientId: ApiHost.Ra });
    }
}
