using System.Collections.Immutable;

namespace Relief.Store.Import;

/// <summary>What importing one bundle did, resource by resource; conflicts are listed, never resolved silently.</summary>
public sealed record ImportReport(string PatientId, int Created, int Updated, int Unchanged, ImmutableArray<ImportConflict> Conflicts)
{
    public int Measurements { get; init; }

    public bool ChangedAnything => Created + Updated > 0;

    public override string ToString() =>
        $"{PatientId}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Conflicts.Length} conflict(s)";
}

/// <summary>A resource that was not imported because the store holds a version it cannot prove older.</summary>
public sealed record ImportConflict(string Resource, string Reason)
{
    public override string ToString() => $"{Resource}: {Reason}";
}
