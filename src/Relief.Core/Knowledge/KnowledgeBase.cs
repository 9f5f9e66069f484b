using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge.Model;
using Relief.Core.Knowledge.Opioids;
using Relief.Core.Knowledge.Safety;

namespace Relief.Core.Knowledge;

/// <summary>
/// The validated, immutable evidence base with the indexes the engine needs, built once at load.
/// Lookups are by code or id through frozen dictionaries, so assessing a patient never scans a list.
/// </summary>
public sealed class KnowledgeBase
{
    internal KnowledgeBase(
        KnowledgeManifest manifest,
        IEnumerable<Source> sources,
        IEnumerable<ConditionDefinition> conditions,
        IEnumerable<DrugClass> classes,
        IEnumerable<Drug> drugs,
        IEnumerable<Therapy> therapies,
        IEnumerable<Product> products,
        IEnumerable<EvidenceStatement> statements,
        SafetyKnowledge safety)
    {
        Safety = safety;
        Manifest = manifest;
        Sources = sources.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        Conditions = conditions.ToImmutableArray();
        ConditionsById = Conditions.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        Classes = classes.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        Drugs = drugs.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        Therapies = therapies.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        Products = products.ToFrozenDictionary(p => p.RxNorm, StringComparer.Ordinal);
        Statements = statements.ToImmutableArray();

        ConditionsByCode = Conditions
            .SelectMany(c => c.Codes.Select(code => (code.Code, Match: new ConditionCodeMatch(c, code))))
            .GroupBy(x => x.Code)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Match).ToImmutableArray());

        DrugsByRxNorm = Drugs.Values
            .Where(d => d.RxNorm is not null)
            .ToFrozenDictionary(d => d.RxNorm!, StringComparer.Ordinal);

        DrugsByName = Drugs.Values
            .SelectMany(d => new[] { d.Name }.Concat(d.Synonyms).Concat(d.Brands).Select(n => (Name: n, Drug: d)))
            .GroupBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First().Drug, StringComparer.OrdinalIgnoreCase);

        TherapiesByCode = Therapies.Values
            .SelectMany(t => t.Codes.Select(code => (code, t)))
            .GroupBy(x => x.code)
            .ToFrozenDictionary(g => g.Key, g => g.First().t);

        var statementsByCondition = Statements.ToLookup(s => s.ConditionId, StringComparer.Ordinal);
        EffectiveStatements = Conditions.ToFrozenDictionary(
            c => c.Id,
            c => CollectEffectiveStatements(c, statementsByCondition),
            StringComparer.Ordinal);

        TherapyIdsByDrug = Drugs.Values.ToFrozenDictionary(
            d => d.Id,
            d => ClassChain(d.ClassId).Prepend(d.Id).ToImmutableArray(),
            StringComparer.Ordinal);

        StatementsByDrug = EffectiveStatements.ToFrozenDictionary(
            kv => kv.Key,
            kv => CollectStatementsByDrug(kv.Value),
            StringComparer.Ordinal);
    }

    public KnowledgeManifest Manifest { get; }

    /// <summary>The CDC 2022 opioid guideline (knowledge/opioids/), or <see cref="OpioidKnowledge.None"/> when the folder is absent.</summary>
    public OpioidKnowledge Opioids { get; internal init; } = OpioidKnowledge.None;

    /// <summary>Cautions, interactions, vaccines, doses, monitoring, units and response rules (docs/knowledge-format-safety.md).</summary>
    public SafetyKnowledge Safety { get; }

    public FrozenDictionary<string, Source> Sources { get; }

    /// <summary>Conditions in file order, which is the order assessments list them in.</summary>
    public ImmutableArray<ConditionDefinition> Conditions { get; }

    public FrozenDictionary<string, ConditionDefinition> ConditionsById { get; }

    public FrozenDictionary<string, DrugClass> Classes { get; }

    public FrozenDictionary<string, Drug> Drugs { get; }

    public FrozenDictionary<string, Therapy> Therapies { get; }

    public FrozenDictionary<string, Product> Products { get; }

    public ImmutableArray<EvidenceStatement> Statements { get; }

    public FrozenDictionary<Code, ImmutableArray<ConditionCodeMatch>> ConditionsByCode { get; }

    public FrozenDictionary<string, Drug> DrugsByRxNorm { get; }

    /// <summary>Ingredient names, synonyms and brand names, case-insensitive.</summary>
    public FrozenDictionary<string, Drug> DrugsByName { get; }

    public FrozenDictionary<Code, Therapy> TherapiesByCode { get; }

    /// <summary>
    /// Per condition, its own statements followed by those it inherits from broader conditions (minus
    /// those marked not-for it), each tagged with the condition it was stated for.
    /// </summary>
    public FrozenDictionary<string, ImmutableArray<ApplicableStatement>> EffectiveStatements { get; }

    /// <summary>Per drug, the ids evidence may name it by: the drug itself, then its class and ancestors.</summary>
    public FrozenDictionary<string, ImmutableArray<string>> TherapyIdsByDrug { get; }

    /// <summary>
    /// Per condition, per drug: every effective statement that reaches the drug, its own and its classes'
    /// (a class statement reaches the members it covers, see <see cref="Reaches"/>). Drugs no statement reaches
    /// are absent.
    /// </summary>
    public FrozenDictionary<string, FrozenDictionary<string, ImmutableArray<ApplicableStatement>>> StatementsByDrug { get; }

    /// <summary>
    /// Whether a statement speaks of a drug: it names the drug, or it names one of the drug's classes and does
    /// not limit itself to other members (<c>members</c>) or leave this one out (<c>excludes</c>).
    /// </summary>
    public bool Reaches(EvidenceStatement statement, string drugId)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (statement.TherapyId == drugId)
        {
            return true;
        }

        // TherapyIdsByDrug holds the drug's class chain, built once at load.
        return TherapyIdsByDrug.TryGetValue(drugId, out var names)
            && names.Contains(statement.TherapyId, StringComparer.Ordinal)
            && (statement.Members.IsEmpty || statement.Members.Contains(drugId, StringComparer.Ordinal))
            && !statement.Excludes.Contains(drugId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Every statement about a drug, class or therapy, in any condition: for a drug, its own and the class statements
    /// that cover it (members and excludes respected); for a class or therapy, those that name it.
    /// </summary>
    public IEnumerable<EvidenceStatement> StatementsAbout(string therapyId) =>
        Drugs.ContainsKey(therapyId)
            ? Statements.Where(s => Reaches(s, therapyId))
            : Statements.Where(s => s.TherapyId == therapyId);

    /// <summary>The drugs a class statement reaches, in knowledge order; for a drug statement, the drug.</summary>
    public IEnumerable<Drug> DrugsReached(EvidenceStatement statement) =>
        Drugs.Values.Where(d => Reaches(statement, d.Id));

    /// <summary>Name, kind and mechanism of anything evidence can name: a drug, a class or a therapy.</summary>
    public TherapyDescription Describe(string therapyId)
    {
        if (Drugs.TryGetValue(therapyId, out var drug))
        {
            return new TherapyDescription(drug.Id, drug.Name, TherapyKind.Drug, drug.Mechanism ?? ClassMechanism(drug.ClassId));
        }

        if (Classes.TryGetValue(therapyId, out var drugClass))
        {
            return new TherapyDescription(drugClass.Id, drugClass.Name, TherapyKind.DrugClass, drugClass.Mechanism ?? ClassMechanism(drugClass.ParentId));
        }

        if (Therapies.TryGetValue(therapyId, out var therapy))
        {
            return new TherapyDescription(therapy.Id, therapy.Name, TherapyKind.NonDrug, therapy.Mechanism);
        }

        throw new ArgumentException($"'{therapyId}' is not a drug, class or therapy in the knowledge base.", nameof(therapyId));
    }

    /// <summary>The class and its ancestors, nearest first.</summary>
    public IEnumerable<string> ClassChain(string? classId)
    {
        // The validator rejects cycles, so this walk ends.
        for (var id = classId; id is not null && Classes.TryGetValue(id, out var c); id = c.ParentId)
        {
            yield return id;
        }
    }

    private string? ClassMechanism(string? classId) =>
        ClassChain(classId).Select(id => Classes[id].Mechanism).FirstOrDefault(m => m is not null);

    private FrozenDictionary<string, ImmutableArray<ApplicableStatement>> CollectStatementsByDrug(ImmutableArray<ApplicableStatement> statements)
    {
        var byDrug = new Dictionary<string, ImmutableArray<ApplicableStatement>.Builder>(StringComparer.Ordinal);
        foreach (var applicable in statements)
        {
            if (Therapies.ContainsKey(applicable.Statement.TherapyId))
            {
                continue;
            }

            foreach (var drug in DrugsReached(applicable.Statement))
            {
                if (!byDrug.TryGetValue(drug.Id, out var list))
                {
                    byDrug[drug.Id] = list = ImmutableArray.CreateBuilder<ApplicableStatement>();
                }

                list.Add(applicable);
            }
        }

        return byDrug.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToImmutable(), StringComparer.Ordinal);
    }

    private ImmutableArray<ApplicableStatement> CollectEffectiveStatements(
        ConditionDefinition condition, ILookup<string, EvidenceStatement> statementsByCondition)
    {
        var result = ImmutableArray.CreateBuilder<ApplicableStatement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(condition.Id);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!seen.Add(id))
            {
                continue;
            }

            foreach (var statement in statementsByCondition[id])
            {
                if (!statement.NotFor.Contains(condition.Id, StringComparer.Ordinal))
                {
                    result.Add(new ApplicableStatement(statement, InheritedFrom: id == condition.Id ? null : id));
                }
            }

            foreach (var parent in ConditionsById[id].Inherits)
            {
                queue.Enqueue(parent);
            }
        }

        return result.ToImmutable();
    }
}

/// <summary>A condition matched by one of its codes.</summary>
public sealed record ConditionCodeMatch(ConditionDefinition Condition, ConditionCode Code);

/// <summary>A statement as it applies to a condition; <see cref="InheritedFrom"/> names the broader condition it was made for.</summary>
public sealed record ApplicableStatement(EvidenceStatement Statement, string? InheritedFrom);

public enum TherapyKind
{
    Drug,
    DrugClass,
    NonDrug,
}

public sealed record TherapyDescription(string Id, string Name, TherapyKind Kind, string? Mechanism);
