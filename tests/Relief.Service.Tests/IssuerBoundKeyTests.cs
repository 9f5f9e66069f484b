using System.Net;
using System.Net.Http.Headers;
using Relief.Service.Hosting;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>
/// Keys bound to one issuer (`--issuer-jwks ISS=FILE|URL`): two trusted EHRs whose keys even share kids; each EHR's
/// key verifies only its own issuer's tokens, so one EHR cannot sign a token claiming to be the other. Keys from the
/// shared `--jwks` set still serve an issuer without a binding, but never a bound one.
/// </summary>
public sealed class IssuerBoundKeyTests(IssuerBoundKeyTests.Service service) : IClassFixture<IssuerBoundKeyTests.Service>
{
    public const string HospitalA = "https://ehr-a.test.example";
    public const string HospitalB = "https://ehr-b.test.example";

    public sealed class Service : IDisposable
    {
        public TestKeys A { get; } = new();

        public TestKeys B { get; } = new();

        public ReliefFactory Factory { get; }

        public Service()
        {
            // The factory's own keys stay the shared set for TestKeys.Issuer (no binding); A and B are bound.
            Factory = new ReliefFactory(insecure: false, settings: new Dictionary<string, string?>
            {
                ["Relief:Auth:IssuerJwks:0"] = $"{HospitalA}={A.WriteJwks()}",
                ["Relief:Auth:IssuerJwks:1"] = $"{HospitalB}={B.WriteJwks()}",
            });
        }

        public void Dispose() => Factory.Dispose();
    }

    private const string Discovery = "http://localhost/cds-services";

    private DateTimeOffset Now => service.Factory.Clock.Now;

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        var client = service.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/cds-services")).StatusCode;
    }

    [Fact]
    public async Task Each_bound_issuer_is_trusted_with_its_own_keys()
    {
        Assert.Equal(HttpStatusCode.OK, await CallAsync(service.A.Token(Discovery, Now, issuer: HospitalA)));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(service.B.Token(Discovery, Now, issuer: HospitalB)));
    }

    [Fact]
    public async Task One_EHRs_key_cannot_sign_a_token_claiming_another_bound_issuer()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(service.A.Token(Discovery, Now, issuer: HospitalB)));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(service.B.Token(Discovery, Now, issuer: HospitalA)));
    }

    [Fact]
    public async Task The_shared_key_set_does_not_verify_a_bound_issuer_and_bound_keys_do_not_verify_the_others()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(service.Factory.Keys.Token(Discovery, Now, issuer: HospitalA)));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(service.A.Token(Discovery, Now, issuer: TestKeys.Issuer)));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(service.Factory.Keys.Token(Discovery, Now, issuer: TestKeys.Issuer)));
    }

    [Theory]
    [InlineData("Relief:Auth:IssuerJwks:0", "no-equals-sign", "--issuer-jwks")]
    [InlineData("Relief:Auth:IssuerJwks:0", "=keys.json", "--issuer-jwks")]
    [InlineData("Relief:Auth:IssuerJwks:0", "https://ehr.example=", "--issuer-jwks")]
    [InlineData("Relief:TasksRederiveAt", "25:99", "Relief:TasksRederiveAt")]
    [InlineData("Relief:Auth:SignInFailuresPerAddress", "0", "Relief:Auth:SignInFailuresPerAddress")]
    [InlineData("Relief:TrustedProxies:0", "proxy.example", "Relief:TrustedProxies")]
    public void A_malformed_setting_stops_the_build_with_a_message_naming_it(string key, string value, string named)
    {
        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceHost.Build(
            ["--Relief:Port=0", $"--Relief:Store={TestFiles.NewPath("relief-config", ".db")}",
             $"--Relief:Knowledge={Path.Combine(RepositoryPaths.Root, "knowledge")}", $"--{key}={value}"]));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }
}
