namespace Relief.Core.Knowledge.Model;

/// <summary>
/// The certainty of evidence a statement reports (evidence files' <c>quality</c>, kebab-case, GRADE's four levels):
/// a closed vocabulary, parsed once on load. Statements keep the wire name so the JSON contract is unchanged.
/// </summary>
public enum EvidenceQuality
{
    High,
    Moderate,
    Low,
    VeryLow,
}
