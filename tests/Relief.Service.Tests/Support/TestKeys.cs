using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Relief.Service.Tests.Support;

/// <summary>An EHR's signing keys (ES384 and RS384) with their public JWKS, and tokens minted the way a CDS client mints them.</summary>
public sealed class TestKeys
{
    public const string Issuer = "https://ehr.test.example";
    public const string EcKid = "ec-384-test";
    public const string RsaKid = "rsa-384-test";

    public TestKeys()
    {
        Ec = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = EcKid };
        Rsa = new RsaSecurityKey(RSA.Create(2048)) { KeyId = RsaKid };
    }

    public ECDsaSecurityKey Ec { get; }

    public RsaSecurityKey Rsa { get; }

    /// <summary>The public keys only, as a JWKS document.</summary>
    public string PublicJwks()
    {
        var ec = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(Ec.ECDsa.ExportParameters(false))) { KeyId = EcKid });
        var rsa = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Rsa.Rsa.ExportParameters(false)) { KeyId = RsaKid });
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new Dictionary<string, string> { ["kty"] = ec.Kty, ["crv"] = ec.Crv, ["x"] = ec.X, ["y"] = ec.Y, ["kid"] = EcKid, ["use"] = "sig", ["alg"] = "ES384" },
                new Dictionary<string, string> { ["kty"] = rsa.Kty, ["n"] = rsa.N, ["e"] = rsa.E, ["kid"] = RsaKid, ["use"] = "sig", ["alg"] = "RS384" },
            },
        });
    }

    public string WriteJwks()
    {
        var path = TestFiles.NewPath("relief-jwks", ".json");
        File.WriteAllText(path, PublicJwks());
        return path;
    }

    public string Token(string audience, DateTimeOffset now, string? alg = null, string? issuer = null, TimeSpan? lifetime = null, string? jti = null, string? kid = null, SecurityKey? key = null)
    {
        alg ??= SecurityAlgorithms.EcdsaSha384;
        key ??= alg == SecurityAlgorithms.RsaSha384 ? Rsa : Ec;
        if (kid is not null)
        {
            key.KeyId = kid;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = null,
            Expires = (now + (lifetime ?? TimeSpan.FromMinutes(5))).UtcDateTime,
            Claims = new Dictionary<string, object> { ["jti"] = jti ?? Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(key, alg),
            TokenType = "JWT",
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = handler.CreateToken(descriptor);
        if (kid is not null)
        {
            key.KeyId = alg == SecurityAlgorithms.RsaSha384 ? RsaKid : EcKid;
        }

        return token;
    }
}
