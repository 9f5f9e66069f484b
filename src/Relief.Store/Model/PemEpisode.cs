namespace Relief.Store.Model;

/// <summary>A post-exertional malaise crash; the exertion it follows is read from the diary (knowledge/follow-up/pacing.yaml window).</summary>
public sealed class PemEpisode : StoredEntry
{
    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>0-10 as the patient rates it.</summary>
    public int Severity { get; set; }

    public string? Notes { get; set; }
}
