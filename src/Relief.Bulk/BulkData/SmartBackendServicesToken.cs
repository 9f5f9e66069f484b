using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Relief.Bulk.BulkData;

/// <summary>
/// An access token by SMART Backend Services (SMART App Launch 2.x, "client-confidential-asymmetric"): the client
/// signs a short JWT assertion (<c>iss</c> = <c>sub</c> = client id, <c>aud</c> = the token URL, <c>exp</c> in 5 minutes,
/// a fresh <c>jti</c>) with its private key, RS384 for an RSA key or ES384 for a P-384 EC key, and POSTs
/// <c>grant_type=client_credentials</c> with <c>client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer</c>
/// and the scope. The token URL is the one given, else <c>token_endpoint</c> from the server's
/// <c>.well-known/smart-configuration</c>. The token is reused until a minute before <c>expires_in</c> runs out.
/// </summary>
public sealed class SmartBackendServicesToken : IAccessTokenSource, IDisposable
{
    private readonly Uri _fhirBase;
    private readonly string _clientId;
    private readonly string _scope;
    private readonly AsymmetricAlgorithm _key;
    private readonly string? _keyId;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Uri? _tokenUrl;
    private string? _token;
    private DateTimeOffset _expires;

    /// <param name="fhirBase">The FHIR server's base URL (for discovery).</param>
    /// <param name="clientId">The client id the server registered with the client's public key (JWKS).</param>
    /// <param name="privateKeyPem">The client's private key, PEM (PKCS#8, or PKCS#1 RSA / SEC1 EC).</param>
    /// <param name="scope">E.g. <c>system/*.read</c> (SMART v1) or <c>system/*.rs</c> (v2).</param>
    /// <param name="tokenUrl">The token endpoint; null to discover it.</param>
    /// <param name="keyId">The <c>kid</c> of the key in the client's JWKS, if the server needs it.</param>
    public SmartBackendServicesToken(Uri fhirBase, string clientId, string privateKeyPem, string scope, Uri? tokenUrl = null, string? keyId = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(fhirBase);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        _fhirBase = fhirBase;
        _clientId = clientId;
        _scope = scope;
        _tokenUrl = tokenUrl;
        _keyId = keyId;
        _time = time ?? TimeProvider.System;
        _key = ImportKey(privateKeyPem);
    }

    public async Task<string> GetAsync(HttpClient http, bool refresh, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            if (!refresh && _token is not null && _time.GetUtcNow() < _expires)
            {
                return _token;
            }

            _tokenUrl ??= await DiscoverAsync(http, cancellation);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = _scope,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = Assertion(_tokenUrl),
            });
            using var response = await http.PostAsync(_tokenUrl, form, cancellation);
            var body = await response.Content.ReadAsStringAsync(cancellation);
            if (!response.IsSuccessStatusCode)
            {
                throw new AccessTokenException($"the token endpoint {_tokenUrl} answered HTTP {(int)response.StatusCode}: {Shorten(body)}");
            }

            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String)
            {
                throw new AccessTokenException($"the token endpoint {_tokenUrl} gave no access_token: {Shorten(body)}");
            }

            var lifetime = json.RootElement.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds) ? seconds : 300;
            _token = token.GetString()!;
            _expires = _time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60));
            return _token;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            throw new AccessTokenException($"no access token from {_tokenUrl?.AbsoluteUri ?? _fhirBase.AbsoluteUri}: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The signed client assertion (compact JWS).</summary>
    internal string Assertion(Uri tokenUrl)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var algorithm = _key is RSA ? "RS384" : "ES384";
        var header = Json(w =>
        {
            w.WriteString("alg", algorithm);
            w.WriteString("typ", "JWT");
            if (_keyId is not null)
            {
                w.WriteString("kid", _keyId);
            }
        });
        var claims = Json(w =>
        {
            w.WriteString("iss", _clientId);
            w.WriteString("sub", _clientId);
            w.WriteString("aud", tokenUrl.AbsoluteUri);
            w.WriteNumber("exp", now + 300);
            w.WriteString("jti", Guid.NewGuid().ToString("N"));
        });
        var signingInput = $"{Base64Url(header)}.{Base64Url(claims)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = _key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw new InvalidOperationException("unsupported key"),
        };
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private async Task<Uri> DiscoverAsync(HttpClient http, CancellationToken cancellation)
    {
        var wellKnown = new Uri(_fhirBase.AbsoluteUri.TrimEnd('/') + "/.well-known/smart-configuration");
        using var response = await http.GetAsync(wellKnown, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new AccessTokenException($"{wellKnown} answered HTTP {(int)response.StatusCode}; give the token URL (--token-url)");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellation));
        return json.RootElement.TryGetProperty("token_endpoint", out var endpoint) && endpoint.ValueKind == JsonValueKind.String
            && Uri.TryCreate(wellKnown, endpoint.GetString(), out var url)
            ? url
            : throw new AccessTokenException($"{wellKnown} names no token_endpoint; give the token URL (--token-url)");
    }

    /// <summary>An RSA key (at least 2048 bits) or a P-384 EC key, from PEM.</summary>
    private static AsymmetricAlgorithm ImportKey(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa.KeySize >= 2048 ? rsa : throw new AccessTokenException($"an RSA key must have at least 2048 bits (this one has {rsa.KeySize})");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ec.Dispose();
            throw new AccessTokenException("the private key is not an RSA or EC private key in PEM");
        }

        return ec.KeySize == 384 ? ec : throw new AccessTokenException($"an EC key must be P-384 for ES384 (this one is {ec.KeySize} bits)");
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Shorten(string body) => body.Length > 200 ? body[..200] + "..." : body.Length == 0 ? "(no body)" : body;

    public void Dispose()
    {
        _key.Dispose();
        _gate.Dispose();
    }
}
