using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// A fingerprint of the parsed-file types as the snapshot serializer sees them: every type reachable from
/// <see cref="KnowledgeFileSet"/> with its members' names and types. A snapshot written before a field was added,
/// renamed or retyped has another fingerprint and is ignored, without anyone remembering to bump a version.
/// </summary>
internal static class KnowledgeSnapshotShape
{
    private static readonly Lazy<string> LazyCurrent = new(Compute);

    public static string Current => LazyCurrent.Value;

    private static string Compute()
    {
        var text = new StringBuilder();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(KnowledgeFileSet)]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            var info = KnowledgeSnapshotJsonContext.Default.GetTypeInfo(type)
                ?? throw new InvalidOperationException($"{type.Name} is not in {nameof(KnowledgeSnapshotJsonContext)}");
            text.Append(Name(type)).Append(' ').Append(info.Kind).Append('\n');
            foreach (var member in info.Properties)
            {
                text.Append("  ").Append(member.Name).Append(": ").Append(Name(member.PropertyType)).Append('\n');
                pending.Enqueue(member.PropertyType);
            }

            if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
            {
                pending.Enqueue(info.ElementType!);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Generic arguments by name (List`1[SourceEntry]), not by assembly-qualified name, which carries versions.
    private static string Name(Type type) =>
        type.IsGenericType ? $"{type.Name}[{string.Join(",", type.GetGenericArguments().Select(Name))}]" : type.Name;
}
