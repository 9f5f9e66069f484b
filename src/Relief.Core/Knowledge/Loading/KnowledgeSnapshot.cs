using System.Text.Json;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// A cache of the parsed knowledge files, written beside them (<see cref="FileName"/>) by `relief kb compile` at build
/// and publish time, so a process reads one JSON document instead of parsing forty YAML files. It is never a source:
/// <see cref="KnowledgeLoader.Load"/> uses it only when it was made by this code's file types from exactly the files
/// now in the directory (<see cref="KnowledgeContentHash"/>), and the validator still builds the knowledge base from
/// it, so the same checks and the same model follow. Anything else (missing, stale, damaged) means the YAML is read.
/// </summary>
public static class KnowledgeSnapshot
{
    public const string FileName = "knowledge.snapshot.json";

    /// <summary>The layout of <see cref="KnowledgeSnapshotDocument"/> itself.</summary>
    internal const int Format = 1;

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>
    /// Reads and validates the YAML; when valid, writes the snapshot (replacing any old one in one move), and when
    /// not, removes any old snapshot and returns the problems, as `relief kb validate` lists them.
    /// </summary>
    public static KnowledgeLoadResult Compile(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return KnowledgeLoadResult.Failed(new KnowledgeError(directory, "(directory)", KnowledgeMessages.DirectoryNotFound));
        }

        var target = PathIn(directory);
        var hash = KnowledgeContentHash.Of(directory);
        var (files, result) = KnowledgeLoader.ReadAndBuild(directory);
        try
        {
            if (!result.Succeeded)
            {
                File.Delete(target);
                return result;
            }

            // The hash must describe the bytes that were parsed: an editor saving during the compile would break that.
            if (KnowledgeContentHash.Of(directory) != hash)
            {
                return KnowledgeLoadResult.Failed(new KnowledgeError(FileName, "(snapshot)", KnowledgeMessages.ChangedWhileCompiling));
            }

            var document = new KnowledgeSnapshotDocument { Format = Format, Shape = KnowledgeSnapshotShape.Current, ContentHash = hash, Files = files! };
            var temporary = $"{target}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document, KnowledgeSnapshotJsonContext.Default.KnowledgeSnapshotDocument));
            File.Move(temporary, target, overwrite: true);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return KnowledgeLoadResult.Failed(new KnowledgeError(FileName, "(snapshot)", $"cannot write the snapshot: {e.Message}"));
        }
    }

    /// <summary>Whether the directory holds a snapshot the loader would use, and if not, why.</summary>
    public static KnowledgeSnapshotState Check(string directory) => Read(directory).State;

    /// <summary>The snapshot's files when it may stand in for the directory's YAML, else null.</summary>
    internal static KnowledgeFileSet? TryRead(string directory) => Read(directory).Files;

    private static (KnowledgeSnapshotState State, KnowledgeFileSet? Files) Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return (KnowledgeSnapshotState.Missing, null);
        }

        KnowledgeSnapshotDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllBytes(path), KnowledgeSnapshotJsonContext.Default.KnowledgeSnapshotDocument);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            // Damaged, truncated or written by other code: the YAML is still there and is read instead.
            return (KnowledgeSnapshotState.Unreadable, null);
        }

        if (document is null || document.Format != Format || document.Shape != KnowledgeSnapshotShape.Current)
        {
            return (KnowledgeSnapshotState.Unreadable, null);
        }

        return document.ContentHash == KnowledgeContentHash.Of(directory)
            ? (KnowledgeSnapshotState.Current, document.Files)
            : (KnowledgeSnapshotState.Stale, null);
    }
}

/// <summary>Why a knowledge directory's snapshot is or is not used.</summary>
public enum KnowledgeSnapshotState
{
    /// <summary>Made from exactly the files in the directory by this code: the loader uses it.</summary>
    Current,

    /// <summary>No snapshot: the loader reads the YAML.</summary>
    Missing,

    /// <summary>Made from other files (one was edited, added, removed or renamed since): the loader reads the YAML.</summary>
    Stale,

    /// <summary>Damaged, or written by a version of Relief with other file types: the loader reads the YAML.</summary>
    Unreadable,
}
