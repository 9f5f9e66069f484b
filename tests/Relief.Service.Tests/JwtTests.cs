using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Relief.Service.Tests.Support;

namespace Relief.Service.Tests;

/// <summary>
/// Client authentication (CDS Hooks "Trusting CDS Clients", requirements 176, 195, 199, 201, 203, 205):
/// tokens signed with each allowed algorithm pass; every other token is a bare 401 whatever the reason.
/// </summary>
public sealed class JwtTests(JwtTests.Service service) : IClassFixture<JwtTests.Service>
{
    public sealed class Service : IDisposable
    {
        public ReliefFactory Factory { get; } = new(insecure: false);

        public void Dispose() => Factory.Dispose();
    }

    private const string Discovery = "http://localhost/cds-services";

    private DateTimeOffset Now => service.Factory.Clock.Now;

    private async Task<HttpResponseMessage> GetAsync(string? token)
    {
        var client = service.Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.GetAsync("/cds-services");
    }

    private async Task AssertRefusedAsync(string? token)
    {
        var response = await GetAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        // No detail that helps an attacker: the same words for every failure.
        Assert.Contains("authentication required", body);
        Assert.DoesNotContain("expired", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("signature", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData(SecurityAlgorithms.EcdsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    public async Task Req176_205_a_token_signed_with_an_allowed_algorithm_is_accepted(string alg) =>
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service.Factory.Keys.Token(Discovery, Now, alg))).StatusCode);

    [Fact]
    public async Task Req177_no_token_is_refused() => await AssertRefusedAsync(null);

    [Fact]
    public async Task An_expired_token_is_refused() =>
        await AssertRefusedAsync(service.Factory.Keys.Token(Discovery, Now - TimeSpan.FromMinutes(10), lifetime: TimeSpan.FromMinutes(5)));

    [Fact]
    public async Task A_token_issued_in_the_future_is_refused() =>
        await AssertRefusedAsync(service.Factory.Keys.Token(Discovery, Now + TimeSpan.FromMinutes(5)));

    [Fact]
    public async Task A_token_for_another_URL_is_refused() =>
        await AssertRefusedAsync(service.Factory.Keys.Token("http://localhost/cds-services/relief-patient-view", Now));

    [Fact]
    public async Task Req195_an_issuer_not_on_the_allow_list_is_refused() =>
        await AssertRefusedAsync(service.Factory.Keys.Token(Discovery, Now, issuer: "https://evil.example"));

    [Fact]
    public async Task Req201_alg_none_is_refused()
    {
        static string B64(string s) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(s));
        var payload = $"{{\"iss\":\"{TestKeys.Issuer}\",\"aud\":\"{Discovery}\",\"iat\":{Now.ToUnixTimeSeconds()},\"exp\":{Now.AddMinutes(5).ToUnixTimeSeconds()},\"jti\":\"{Guid.NewGuid()}\"}}";
        await AssertRefusedAsync($"{B64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"ec-384-test\"}")}.{B64(payload)}.");
    }

    [Fact]
    public async Task Req203_HS256_signed_with_the_public_key_as_secret_is_refused()
    {
        // The classic key-confusion attack: the RSA public key (as published in the JWKS) used as an HMAC secret.
        var publicKey = service.Factory.Keys.Rsa.Rsa.ExportSubjectPublicKeyInfoPem();
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(publicKey)) { KeyId = TestKeys.RsaKid };
        await AssertRefusedAsync(service.Factory.Keys.Token(Discovery, Now, alg: SecurityAlgorithms.HmacSha256, key: secret));
    }

    [Fact]
    public async Task A_replayed_jti_is_refused()
    {
        var jti = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(service.Factory.Keys.Token(Discovery, Now, jti: jti))).StatusCode);
        await AssertRefusedAsync(service.Factory.Keys.Token(Discovery, Now, jti: jti));
    }

    [Fact]
    public async Task An_unknown_kid_is_refused() =>
        await AssertRefusedAsync(service.Factory.Keys.Token(Discovery, Now, kid: "not-in-the-jwks"));

    [Fact]
    public async Task A_token_signed_by_a_key_outside_the_JWKS_under_a_known_kid_is_refused()
    {
        var stranger = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = TestKeys.EcKid };
        await AssertRefusedAsync(service.Factory.Keys.Token(Discovery, Now, key: stranger));
    }

    [Fact]
    public async Task Req199_a_jku_not_on_the_allow_list_is_not_fetched_and_the_token_is_refused()
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestKeys.Issuer,
            Audience = Discovery,
            IssuedAt = Now.UtcDateTime,
            Expires = Now.AddMinutes(5).UtcDateTime,
            Claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString() },
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = "https://evil.example/jwks.json" },
            SigningCredentials = new SigningCredentials(service.Factory.Keys.Ec, SecurityAlgorithms.EcdsaSha384),
            TokenType = "JWT",
        });
        await AssertRefusedAsync(token);
    }

    [Fact]
    public async Task Health_probes_need_no_token() =>
        Assert.Equal(HttpStatusCode.OK, (await service.Factory.CreateClient().GetAsync("/healthz")).StatusCode);

    [Fact]
    public async Task The_token_never_appears_in_a_log_line()
    {
        var token = service.Factory.Keys.Token(Discovery, Now);
        await GetAsync(token);
        await GetAsync(token); // replayed: refused, and the refusal is logged
        var signature = token[(token.LastIndexOf('.') + 1)..];
        Assert.DoesNotContain(service.Factory.Log.Lines, l => l.Contains(signature, StringComparison.Ordinal));
        Assert.Contains(service.Factory.Log.Lines, l => l.Contains("Client token refused", StringComparison.Ordinal));
    }
}
