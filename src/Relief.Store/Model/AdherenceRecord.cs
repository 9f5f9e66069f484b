namespace Relief.Store.Model;

/// <summary>Whether the patient took a course's doses on a day, as they reported it.</summary>
public sealed class AdherenceRecord : StoredEntry
{
    public long CourseId { get; set; }

    public DateOnly Date { get; set; }

    public Adherence Adherence { get; set; }
}

public enum Adherence
{
    Taken,
    Partly,
    Missed,
}
