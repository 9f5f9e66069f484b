using Relief.Store.Model;

namespace Relief.Store.Records;

/// <summary>The patient and which optional tables hold current rows for them (one query: the others are skipped when empty).</summary>
internal sealed record HistoryProbe(StoredPatient Patient, bool Conditions, bool Courses, bool Labs, bool Measurements, bool Diary, bool Crashes, bool Other);
