using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>
/// Weighs each current or proposed medication against the patient's conditions: a fibromyalgia patient on
/// long-term prednisone hears that corticosteroids are recommended against, and by whom.
/// </summary>
internal sealed class MedicationReviewer(KnowledgeBase knowledge)
{
    // A statement's output form depends only on the knowledge: built once, shared by every assessment.
    private readonly FrozenDictionary<ApplicableStatement, EvidenceFinding> _findings = knowledge.EffectiveStatements.Values
        .SelectMany(statements => statements)
        .Distinct()
        .ToFrozenDictionary(a => a, a => EvidenceFindings.From(a, knowledge));

    public MedicationReview Review(
        MedicationFact fact, ImmutableArray<IngredientMatch> ingredients, ImmutableArray<MatchedCondition> conditions, LocalDate asOf)
    {
        var findings = ImmutableArray.CreateBuilder<ReviewFinding>();
        // Co-medications are reviewed too: guidelines speak of some (NICE NG193 on benzodiazepines).
        // A member hears its class: every statement that reaches the ingredient, its own and its classes'.
        foreach (var ingredient in ingredients)
        {
            var form = FormOf(ingredient.DrugId, fact.Medication);
            foreach (var condition in conditions)
            {
                if (!knowledge.StatementsByDrug[condition.Condition.Id].TryGetValue(ingredient.DrugId, out var reaching))
                {
                    continue;
                }

                foreach (var applicable in reaching)
                {
                    // A statement about one product form says nothing of another (NICE CG173's capsaicin cream is
                    // not the 8% patch); when the record's form is unknown the statement is kept with its qualifier.
                    if (form is not null && !applicable.Statement.Forms.IsEmpty && !applicable.Statement.Forms.Contains(form, StringComparer.Ordinal))
                    {
                        continue;
                    }

                    var codes = fact.Medication.Codes.AddRange(condition.RecordedAs.Select(r => r.Code).Distinct());
                    findings.Add(new ReviewFinding(condition.Condition.Id, condition.Condition.Name, ingredient.DrugId, codes, _findings[applicable]));
                }
            }
        }

        var ordered = findings
            .OrderBy(f => f.Evidence.Grade).ThenBy(f => f.ConditionId, StringComparer.Ordinal).ThenBy(f => f.Evidence.StatementId, StringComparer.Ordinal)
            .ToImmutableArray();

        int? days = fact.Use == MedicationUse.Current && fact.Start is { } start && start <= asOf
            ? Period.Between(start, asOf, PeriodUnits.Days).Days
            : null;

        return new MedicationReview
        {
            ResourceId = fact.ResourceId,
            ResourceType = fact.ResourceType,
            Use = fact.Use,
            Display = fact.Medication.ToString(),
            Codes = fact.Medication.Codes,
            Ingredients = ingredients,
            Start = fact.Start,
            DaysOnTherapy = days,
            Verdict = Verdict(ingredients, ordered),
            Findings = ordered,
        };
    }

    // The product form of the medication, from its name or text, when the drug has forms evidence tells apart.
    private string? FormOf(string drugId, CodedText medication)
    {
        var forms = knowledge.Drugs[drugId].Forms;
        if (forms.IsEmpty)
        {
            return null;
        }

        var products = medication.Codes
            .Where(c => c.System == Relief.Core.Codes.CodeSystems.RxNorm && knowledge.Products.ContainsKey(c.Value))
            .Select(c => knowledge.Products[c.Value].Name);
        var texts = medication.Displays.Values.Append(medication.Text).Concat(products).OfType<string>();
        return forms.FirstOrDefault(f => texts.Any(f.IsFormOf))?.Id;
    }

    private static ReviewVerdict Verdict(ImmutableArray<IngredientMatch> ingredients, ImmutableArray<ReviewFinding> findings)
    {
        if (findings.IsEmpty)
        {
            return ingredients.Any(i => i.Scope == DrugScope.InScope) ? ReviewVerdict.NoEvidenceForConditions : ReviewVerdict.NotAssessed;
        }

        var anyFor = findings.Any(f => f.Evidence.Grade.IsFor());
        var anyAgainst = findings.Any(f => f.Evidence.Grade.IsAgainst());
        return (anyFor, anyAgainst) switch
        {
            (true, true) => ReviewVerdict.Contested,
            (false, true) => ReviewVerdict.RecommendedAgainst,
            (true, false) => ReviewVerdict.Supported,
            _ => ReviewVerdict.Unproven,
        };
    }
}
