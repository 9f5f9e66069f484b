namespace Relief.Core.Knowledge.Opioids;

/// <summary>
/// One of the twelve CDC 2022 recommendations: its number, a paraphrase, and the recommendation category
/// (A applies to all persons, B needs individual decision making) and evidence type (1 highest certainty to
/// 4 lowest) the guideline gives it.
/// </summary>
public sealed record OpioidRecommendation(int Number, string Topic, string Statement, char Category, int EvidenceType)
{
    /// <summary>"Recommendation 8 (category A, evidence type 4)", the way a card cites it.</summary>
    public string Citation => $"Recommendation {Number} (category {Category}, evidence type {EvidenceType})";
}
