using Relief.Bulk.Summary;

namespace Relief.Bulk.Screening;

/// <summary>A finished run: its summary, how many parts a resume found already committed, and the input bytes read.</summary>
public sealed record ScreenResult(ScreenSummary Summary, int PartsResumed, int PartsTotal, long StoredBytesRead);
