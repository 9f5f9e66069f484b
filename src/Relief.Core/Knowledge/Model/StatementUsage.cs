namespace Relief.Core.Knowledge.Model;

/// <summary>
/// How a statement limits the use it speaks of. NICE CG173 supports tramadol only as acute rescue therapy,
/// not for long-term use: the statement is true of that use and must say so wherever it is shown.
/// Written in knowledge files and JSON as kebab-case.
/// </summary>
public enum StatementUsage
{
    /// <summary>No limit: the statement speaks of the therapy's ordinary use.</summary>
    Any,

    /// <summary>Only as acute rescue therapy (short courses for flares), not as regular long-term treatment.</summary>
    Rescue,
}
