namespace Relief.Bulk.Summary;

/// <summary>A patient whose resources could not be read into a record (the reader's error kind and message); no rows for them.</summary>
public sealed record PatientError(string Patient, string Kind, string Message);
