namespace Relief.Cli;

/// <summary>The exit codes `relief` documents (docs/cli.md); scripts and CI rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A bug in Relief: the message says so; no stack trace reaches the user.</summary>
    public const int InternalError = 1;

    /// <summary>The input could not be read or assessed: bad arguments, malformed JSON, not a FHIR R4 bundle.</summary>
    public const int InvalidInput = 2;

    /// <summary>The knowledge base failed validation.</summary>
    public const int InvalidKnowledge = 3;

    /// <summary>The follow-up store could not be opened (file not writable, PostgreSQL unreachable, bad connection string).</summary>
    public const int StoreUnavailable = 4;

    /// <summary>`relief kb compile --check`: the knowledge snapshot is missing, stale or unreadable (relief reads the YAML).</summary>
    public const int SnapshotNotCurrent = 5;
}
