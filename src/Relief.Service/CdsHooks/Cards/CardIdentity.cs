using System.Security.Cryptography;
using System.Text;
using Relief.Core.Assessment.Findings;

namespace Relief.Service.CdsHooks.Cards;

/// <summary>
/// Card and suggestion uuids: name-based UUIDs version 5 (RFC 9562, SHA-1 over a namespace and a name), so
/// the same problem for the same patient gets the same uuid on every call and feedback joins across calls.
/// The name is the patient and the problem's identity: family, rule and ingredients when the finding names
/// drugs (so a refill, which adds a resource to <see cref="Finding.Key"/>, keeps the card), else the
/// finding's <see cref="Finding.Key"/> itself.
/// </summary>
public static class CardIdentity
{
    // Relief's own namespace (a random v4 uuid, fixed forever: changing it would re-key every card).
    private static readonly Guid Namespace = new("6f1d8c4e-2b7a-4d0e-9a55-3c1e7b9f0d21");

    public static string ProblemKey(Finding finding) =>
        finding.IngredientIds.IsEmpty
            ? finding.Key
            : $"{finding.Family}|{finding.RuleId}|{finding.Kind}|{string.Join(",", finding.IngredientIds.Order(StringComparer.Ordinal))}";

    public static string Of(string patientId, string problemKey) => V5($"{patientId}\n{problemKey}");

    public static string V5(string name)
    {
        Span<byte> input = stackalloc byte[16];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        input.CopyTo(bytes);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(bytes, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
