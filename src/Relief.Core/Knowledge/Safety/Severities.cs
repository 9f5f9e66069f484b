namespace Relief.Core.Knowledge.Safety;

// The fixed, ordered severity vocabularies of knowledge-format-safety.md §1.5. Each enum is ordered most severe first, so sorting
// by the value sorts by severity; knowledge files and JSON write them kebab-case (WireName).

/// <summary>How strongly a patient factor weighs against a drug.</summary>
public enum CautionSeverity
{
    Contraindicated,
    Avoid,
    Caution,
}

/// <summary>How dangerous a combination of two drugs (or a drug and a live vaccine) is.</summary>
public enum InteractionSeverity
{
    Contraindicated,
    Major,
    Moderate,
}

/// <summary>How serious a broken dose rule is.</summary>
public enum DoseSeverity
{
    Major,
    Moderate,
}

/// <summary>What a monitoring threshold asks the clinician to do when a result crosses it.</summary>
public enum MonitoringAction
{
    Stop,
    WithholdAndDiscuss,
    Investigate,
    Review,
}

/// <summary>Steps one severity down a vocabulary; the least severe value stays where it is.</summary>
public static class SeverityExtensions
{
    public static InteractionSeverity OneLower(this InteractionSeverity severity) =>
        severity == InteractionSeverity.Moderate ? severity : severity + 1;

    public static DoseSeverity OneLower(this DoseSeverity severity) =>
        severity == DoseSeverity.Moderate ? severity : severity + 1;
}
