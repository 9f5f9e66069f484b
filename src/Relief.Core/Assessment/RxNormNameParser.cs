using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Core.Assessment;

/// <summary>
/// Reads ingredients out of an RxNorm normalized name when the product code is not in the product table:
/// "Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet" gives acetaminophen and oxycodone.
/// Each " / " component names one ingredient before its strength; salts ("Hydrochloride") and
/// qualifiers ("12 HR", "Abuse-Deterrent") are dropped by trying shorter runs of words. A bracketed
/// brand ("[Vicodin]") is tried when no component resolves.
/// </summary>
public static class RxNormNameParser
{
    private const int MaxRunWords = 6;

    public static IReadOnlyList<Drug> Parse(string name, KnowledgeBase knowledge)
    {
        var found = new List<Drug>();
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        var body = bracket >= 0 ? name[..bracket] : name;
        foreach (var component in body.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (FirstIngredient(component, knowledge) is { } drug && !found.Contains(drug))
            {
                found.Add(drug);
            }
        }

        if (found.Count == 0 && bracket >= 0)
        {
            var close = name.IndexOf(']', bracket);
            var brand = close > bracket ? name[(bracket + 1)..close].Trim() : name[(bracket + 1)..].Trim();
            if (knowledge.DrugsByName.TryGetValue(brand, out var branded))
            {
                found.Add(branded);
            }
        }

        return found;
    }

    private static Drug? FirstIngredient(string component, KnowledgeBase knowledge)
    {
        // Words before the first strength are the ingredient (possibly with salt and qualifiers);
        // "Sertraline 100MG" and "Lasix 40mg" stop at the token that starts with a digit.
        var words = component.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var run = new List<string>();
        foreach (var word in words)
        {
            if (char.IsDigit(word[0]))
            {
                if (run.Count > 0 && Match(run, knowledge) is { } drug)
                {
                    return drug;
                }

                run.Clear();
                continue;
            }

            run.Add(word.TrimEnd(','));
        }

        return run.Count > 0 ? Match(run, knowledge) : null;
    }

    private static Drug? Match(List<string> run, KnowledgeBase knowledge)
    {
        var words = run.Count > MaxRunWords ? run.GetRange(0, MaxRunWords) : run;

        // Longest runs first, leftmost first: "Oxycodone Hydrochloride" before "Oxycodone".
        for (var length = words.Count; length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Count; start++)
            {
                var candidate = string.Join(' ', words.GetRange(start, length));
                if (knowledge.DrugsByName.TryGetValue(candidate, out var drug))
                {
                    return drug;
                }
            }
        }

        return null;
    }
}
