using Relief.Store.Model;

namespace Relief.Store.Records;

/// <summary>The patient and which optional tables hold current rows for them (one query: the others are skipped when empty).</summary>
internal sealed record HistoryProbe
{
    public required StoredPatient Patient { get; init; }

    public required bool Conditions { get; init; }

    public required bool Courses { get; init; }

    public required bool Labs { get; init; }

    public required bool Measurements { get; init; }

    public required bool Diary { get; init; }

    public required bool Crashes { get; init; }

    public required bool Other { get; init; }
}
