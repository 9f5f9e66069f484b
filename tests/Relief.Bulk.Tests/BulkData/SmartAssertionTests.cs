using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Relief.Bulk.BulkData;

namespace Relief.Bulk.Tests.BulkData;

/// <summary>The SMART Backend Services client assertion signed with an EC key (ES384), and the keys refused.</summary>
public sealed class SmartAssertionTests
{
    private static readonly Uri TokenUrl = new("https://auth.example.org/token");

    [Fact]
    public void A_P384_key_signs_ES384_assertions_the_public_key_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var tokens = new SmartBackendServicesToken(new Uri("https://fhir.example.org/r4/"), "client-1", key.ExportPkcs8PrivateKeyPem(), "system/*.read", TokenUrl, keyId: "k1");

        var parts = tokens.Assertion(TokenUrl).Split('.');

        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        Assert.Equal("ES384", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("k1", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("client-1", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("client-1", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(TokenUrl.AbsoluteUri, claims.RootElement.GetProperty("aud").GetString());
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[0]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Keys_that_SMART_does_not_allow_are_refused_with_a_reason()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa1024 = RSA.Create(1024);

        Assert.Contains("P-384", Assert.Throws<AccessTokenException>(() => Create(p256.ExportPkcs8PrivateKeyPem())).Message, StringComparison.Ordinal);
        Assert.Contains("2048", Assert.Throws<AccessTokenException>(() => Create(rsa1024.ExportPkcs8PrivateKeyPem())).Message, StringComparison.Ordinal);
        Assert.Contains("not an RSA or EC private key", Assert.Throws<AccessTokenException>(() => Create("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")).Message, StringComparison.Ordinal);
    }

    private static SmartBackendServicesToken Create(string pem) => new(new Uri("https://fhir.example.org/r4/"), "client-1", pem, "system/*.read", TokenUrl);

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
