namespace Relief.Core.Knowledge.Model;

/// <summary>
/// How strongly a source recommends a therapy for a condition. The order is the ranking order:
/// the most favourable first. Written in knowledge files and JSON as kebab-case (strong-for ... strong-against).
/// </summary>
public enum EvidenceGrade
{
    StrongFor = 0,
    WeakFor = 1,

    /// <summary>The source found the evidence inconclusive and made no recommendation.</summary>
    Insufficient = 2,

    /// <summary>Only within a registered trial; no guideline recommends it in practice.</summary>
    Experimental = 3,
    WeakAgainst = 4,
    StrongAgainst = 5,
}

public static class EvidenceGradeExtensions
{
    public static bool IsFor(this EvidenceGrade grade) => grade is EvidenceGrade.StrongFor or EvidenceGrade.WeakFor;

    public static bool IsAgainst(this EvidenceGrade grade) => grade is EvidenceGrade.WeakAgainst or EvidenceGrade.StrongAgainst;

    public static string ToWireName(this EvidenceGrade grade) => WireName.Of(grade);

    public static bool TryParse(string? text, out EvidenceGrade grade) => WireName.TryParse(text, out grade);
}
