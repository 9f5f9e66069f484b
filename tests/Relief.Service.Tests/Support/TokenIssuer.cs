using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Relief.Service.Tests.Support;

/// <summary>
/// A test identity provider: one ES256 key pair made here, its public half written as a JWKS file the service
/// trusts, and tokens signed with the private half. <see cref="Stranger"/> signs with a key nobody trusts.
/// </summary>
public sealed class TokenIssuer : IDisposable
{
    public const string Issuer = "https://idp.relief.test";
    public const string Audience = "relief-api";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _kid;

    public TokenIssuer(string kid = "test-key-1")
    {
        _kid = kid;
    }

    /// <summary>The public key as a JWKS document.</summary>
    public string Jwks()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "EC", crv = "P-256", x = Base64UrlEncoder.Encode(p.Q.X), y = Base64UrlEncoder.Encode(p.Q.Y), kid = _kid, use = "sig", alg = "ES256" },
            },
        });
    }

    public string Patient(string sub, string patientId) =>
        Mint(new Dictionary<string, object> { ["sub"] = sub, ["role"] = "patient", ["patient"] = patientId });

    public string Clinician(string sub, params string[] panel) =>
        Mint(new Dictionary<string, object> { ["sub"] = sub, ["role"] = "clinician", ["patients"] = panel });

    public string ClinicianOfEveryone(string sub) =>
        Mint(new Dictionary<string, object> { ["sub"] = sub, ["role"] = "clinician", ["panel"] = "*" });

    public string Mint(IDictionary<string, object> claims, string issuer = Issuer, string audience = Audience, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = DateTime.UtcNow.AddMinutes(-30),
            NotBefore = DateTime.UtcNow.AddMinutes(-30),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = _kid }, SecurityAlgorithms.EcdsaSha256),
        });

    public void Dispose() => _key.Dispose();
}
