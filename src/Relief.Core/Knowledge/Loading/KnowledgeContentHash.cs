using System.Security.Cryptography;
using System.Text;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// A SHA-256 of everything the loader could read in a knowledge directory: every YAML file (relative path, length and
/// bytes, in ordinal path order) and every folder's name (an empty opioids/ folder changes what the loader does).
/// A snapshot is used only when its hash equals the directory's, so an edited, added, removed or renamed file makes
/// the loader read the YAML again. Hashing the ~0.7 MB knowledge base takes about a millisecond.
/// </summary>
internal static class KnowledgeContentHash
{
    public static string Of(string directory)
    {
        var root = Path.GetFullPath(directory);
        var folders = Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Select(d => Relative(root, d));
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Select(f => Relative(root, f));

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var folder in folders.Order(StringComparer.Ordinal))
        {
            AppendText(hash, $"folder {folder}\n");
        }

        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, file));
            AppendText(hash, $"file {file} {bytes.Length}\n");
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // '/' on every platform, so a snapshot made on one system matches the same files on another.
    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static void AppendText(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}
