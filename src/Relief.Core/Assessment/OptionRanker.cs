using System.Collections.Frozen;
using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Core.Assessment;

/// <summary>
/// Orders a condition's therapies: by the most favourable grade any source gives, then by line of therapy,
/// then by name. Statements against a therapy are never dropped; they mark it contested.
/// A member hears its class: a drug's row carries its own statements and every class statement that covers it
/// (respecting a statement's members and excludes), so pregabalin in fibromyalgia shows EULAR's weak-for beside
/// NICE's gabapentinoids strong-against. A drug with no statement of its own gets a row when the patient takes or
/// is offered it; a class row stays only for the members not listed on their own.
/// The candidate rows and their order depend only on the knowledge, so they are computed once per condition;
/// an assessment only picks the rows and marks the options the patient already has.
/// </summary>
internal sealed class OptionRanker
{
    private readonly KnowledgeBase _knowledge;
    private readonly FrozenDictionary<string, ConditionRows> _rows;

    public OptionRanker(KnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        var codesByTherapy = CodesByTherapy(knowledge);
        _rows = knowledge.Conditions.ToFrozenDictionary(
            c => c.Id,
            c => BuildRows(c.Id, codesByTherapy),
            StringComparer.Ordinal);
    }

    public ImmutableArray<TherapyOption> Rank(MatchedCondition condition, PatientTherapies patientTherapies)
    {
        var rows = _rows[condition.Condition.Id];
        var has = patientTherapies.ResourcesByTherapy;
        HashSet<string>? shownLatent = null;
        foreach (var drugId in rows.LatentDrugIds)
        {
            if (has.ContainsKey(drugId))
            {
                (shownLatent ??= new HashSet<string>(StringComparer.Ordinal)).Add(drugId);
            }
        }

        var options = shownLatent is null ? rows.Default : Select(rows, shownLatent);

        ImmutableArray<TherapyOption>.Builder? marked = null;
        for (var i = 0; i < options.Length; i++)
        {
            var resources = Resources(options[i], has);
            if (!resources.IsEmpty)
            {
                marked ??= options.ToBuilder();
                marked[i] = options[i] with { PatientResources = resources };
            }
        }

        return marked?.MoveToImmutable() ?? options;
    }

    /// <summary>
    /// Marks each option that another of the patient's conditions argues the other way on: a therapy for one
    /// condition and against another is shown with both, never unopposed.
    /// </summary>
    public ImmutableArray<ConditionAssessment> MarkCrossConditionConflicts(ImmutableArray<ConditionAssessment> conditions)
    {
        if (conditions.Length < 2)
        {
            return conditions;
        }

        // Most patients have no conflict: arrays are copied only for a condition that has one.
        ImmutableArray<ConditionAssessment>.Builder? result = null;
        for (var c = 0; c < conditions.Length; c++)
        {
            var condition = conditions[c];
            ImmutableArray<TherapyOption>.Builder? options = null;
            for (var i = 0; i < condition.Options.Length; i++)
            {
                var conflicts = Conflicts(condition.Options[i], condition.ConditionId, conditions);
                if (!conflicts.IsEmpty)
                {
                    options ??= condition.Options.ToBuilder();
                    options[i] = options[i] with { ConflictsWithOtherConditions = conflicts };
                }
            }

            if (options is not null)
            {
                result ??= conditions.ToBuilder();
                result[c] = condition with { Options = options.MoveToImmutable() };
            }
        }

        return result?.MoveToImmutable() ?? conditions;
    }

    private ImmutableArray<ConditionConflict> Conflicts(TherapyOption option, string conditionId, ImmutableArray<ConditionAssessment> conditions)
    {
        var isFor = option.Grade.IsFor();
        var isAgainst = option.Evidence[^1].Grade.IsAgainst();
        ImmutableArray<ConditionConflict>.Builder? conflicts = null;
        foreach (var other in conditions)
        {
            if (other.ConditionId == conditionId || !_rows[other.ConditionId].EvidenceByTherapy.TryGetValue(option.TherapyId, out var evidence))
            {
                continue;
            }

            foreach (var finding in evidence)
            {
                // Inherited statements are shared by both conditions' rows already; only the other condition's own
                // judgement counts as a conflict.
                if ((isFor && finding.Grade.IsAgainst()) || (isAgainst && finding.Grade.IsFor()))
                {
                    if (!option.Evidence.Any(e => e.StatementId == finding.StatementId))
                    {
                        (conflicts ??= ImmutableArray.CreateBuilder<ConditionConflict>()).Add(new ConditionConflict(other.ConditionId, other.Name, finding));
                    }
                }
            }
        }

        return conflicts?.ToImmutable() ?? [];
    }

    // A class row marks the patient's resources only through the members it speaks for; drug and non-drug rows
    // through their own id.
    private static ImmutableArray<string> Resources(TherapyOption option, IReadOnlyDictionary<string, List<string>> has)
    {
        if (option.Kind != TherapyKind.DrugClass)
        {
            return has.TryGetValue(option.TherapyId, out var own) ? [.. own] : [];
        }

        if (option.ForMembers.IsEmpty)
        {
            return has.TryGetValue(option.TherapyId, out var all) ? [.. all] : [];
        }

        return [.. option.ForMembers.SelectMany(m => has.TryGetValue(m.Id, out var r) ? r : []).Distinct(StringComparer.Ordinal)];
    }

    private static ImmutableArray<TherapyOption> Select(ConditionRows rows, IReadOnlySet<string> shownLatent)
    {
        HashSet<string>? listed = null;
        var result = ImmutableArray.CreateBuilder<TherapyOption>(rows.Candidates.Length);
        for (var i = 0; i < rows.Candidates.Length; i++)
        {
            var candidate = rows.Candidates[i];
            var option = candidate.Role switch
            {
                RowRole.Latent => shownLatent.Contains(candidate.Option.TherapyId) ? candidate.Option : null,

                // Only a class that covers a newly listed member changes; the others keep their default row.
                RowRole.Class when rows.DefaultByCandidate.IsDefault || candidate.Covered.Any(m => shownLatent.Contains(m.Id)) =>
                    ClassRow(candidate, listed ??= [.. rows.ListedDrugIds, .. shownLatent]),
                RowRole.Class => rows.DefaultByCandidate[i],
                _ => rows.DefaultByCandidate.IsDefault ? candidate.Option : rows.DefaultByCandidate[i],
            };

            if (option is not null)
            {
                result.Add(option.Rank == result.Count + 1 ? option : option with { Rank = result.Count + 1 });
            }
        }

        return result.ToImmutable();
    }

    // A class row speaks for the members it covers that have no row of their own; with none left it is dropped.
    private static TherapyOption? ClassRow(Candidate candidate, IReadOnlySet<string> listed)
    {
        if (candidate.Covered.IsEmpty)
        {
            return candidate.Option;
        }

        var rest = candidate.Covered.Where(m => !listed.Contains(m.Id)).ToImmutableArray();
        if (rest.IsEmpty)
        {
            return null;
        }

        // The row's codes are those of the members it still speaks for, so a card matching orders by code
        // does not attach the class row to a member that has its own row (or that the class statement excludes).
        var codes = rest.Length == candidate.Covered.Length
            ? candidate.Option.Codes
            : [.. candidate.Option.Codes.Where(c => candidate.CodeOwners.TryGetValue(c, out var owner) && rest.Any(m => m.Id == owner))];
        return candidate.Option with { ForMembers = rest, OtherMembersListed = rest.Length < candidate.Covered.Length, Codes = codes };
    }

    private ConditionRows BuildRows(string conditionId, FrozenDictionary<string, ImmutableArray<Code>> codesByTherapy)
    {
        var statements = _knowledge.EffectiveStatements[conditionId];
        var byDrug = _knowledge.StatementsByDrug[conditionId];
        var candidates = new List<Candidate>();

        // Non-drug therapies and classes: one row each, from the statements that name them.
        foreach (var group in statements.Where(s => !_knowledge.Drugs.ContainsKey(s.Statement.TherapyId)).GroupBy(s => s.Statement.TherapyId, StringComparer.Ordinal))
        {
            var isClass = _knowledge.Classes.ContainsKey(group.Key);
            var reached = isClass ? group.SelectMany(s => _knowledge.DrugsReached(s.Statement)).DistinctBy(d => d.Id).ToList() : [];
            var option = BuildOption(group.Key, [.. group], codesByTherapy);
            if (reached.Count > 0)
            {
                // A class row concerns the members its statements reach, not every member of the class.
                var owners = reached.Where(d => d.RxNorm is not null).ToDictionary(d => new Code(CodeSystems.RxNorm, d.RxNorm!), d => d.Id);
                option = option with { Codes = [.. option.Codes.Where(owners.ContainsKey)] };
                candidates.Add(new Candidate(option, RowRole.Class, [.. reached.Select(d => new ClassMember(d.Id, d.Name))], owners));
            }
            else
            {
                candidates.Add(new Candidate(option, isClass ? RowRole.Class : RowRole.Listed, [], NoOwners));
            }
        }

        // Drugs: every statement that reaches the drug, its own and its classes'. A drug with a statement of its
        // own is always listed; one reached only through a class is listed when the patient has it.
        foreach (var (drugId, reaching) in byDrug)
        {
            var own = reaching.Any(s => s.Statement.TherapyId == drugId);
            candidates.Add(new Candidate(BuildOption(drugId, reaching, codesByTherapy), own ? RowRole.Listed : RowRole.Latent, [], NoOwners));
        }

        var ordered = candidates
            .OrderBy(c => c.Option.Grade).ThenBy(c => c.Option.Line ?? int.MaxValue)
            .ThenBy(c => c.Option.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Option.TherapyId, StringComparer.Ordinal)
            .ToImmutableArray();
        var listed = ordered.Where(c => c.Role == RowRole.Listed && c.Option.Kind == TherapyKind.Drug).Select(c => c.Option.TherapyId).ToImmutableHashSet(StringComparer.Ordinal);
        var latent = ordered.Where(c => c.Role == RowRole.Latent).Select(c => c.Option.TherapyId).ToImmutableArray();
        var evidenceByTherapy = ordered.ToFrozenDictionary(c => c.Option.TherapyId, c => c.Option.Evidence, StringComparer.Ordinal);
        var rows = new ConditionRows(ordered, listed, latent, evidenceByTherapy, []);
        var defaults = Select(rows, FrozenSet<string>.Empty);

        // Each candidate's row in the default selection (null where it is not shown), so an assessment that lists
        // a latent member rebuilds only the class rows that member changes.
        var byTherapy = defaults.ToDictionary(o => o.TherapyId, StringComparer.Ordinal);
        var defaultByCandidate = ordered.Select(c => byTherapy.GetValueOrDefault(c.Option.TherapyId)).ToImmutableArray();
        return rows with { Default = defaults, DefaultByCandidate = defaultByCandidate };
    }

    private TherapyOption BuildOption(string therapyId, IReadOnlyCollection<ApplicableStatement> statements, FrozenDictionary<string, ImmutableArray<Code>> codesByTherapy)
    {
        var findings = statements
            .Select(s => EvidenceFindings.From(s, _knowledge))
            .OrderBy(f => f.Grade).ThenBy(f => f.Line ?? int.MaxValue).ThenByDescending(f => f.Year).ThenBy(f => f.StatementId, StringComparer.Ordinal)
            .ToImmutableArray();
        var description = _knowledge.Describe(therapyId);
        var line = findings.Where(f => f.Grade.IsFor() && f.Line is not null).Select(f => f.Line).Min();
        var contested = findings.Any(f => f.Grade.IsFor()) && findings.Any(f => f.Grade.IsAgainst());
        return new TherapyOption
        {
            Rank = 0,
            TherapyId = therapyId,
            Name = description.Name,
            Kind = description.Kind,
            Grade = findings[0].Grade,
            Line = line,
            Contested = contested,
            Mechanism = description.Mechanism,
            Codes = codesByTherapy.GetValueOrDefault(therapyId, []),
            Evidence = findings,
            PatientResources = [],
        };
    }

    // The codes an option concerns: the ingredient's RxNorm code, every member ingredient of a class, or a
    // therapy's procedure codes.
    private static FrozenDictionary<string, ImmutableArray<Code>> CodesByTherapy(KnowledgeBase knowledge)
    {
        var codes = knowledge.Therapies.Values.ToDictionary(t => t.Id, t => t.Codes.ToList(), StringComparer.Ordinal);
        foreach (var (drugId, names) in knowledge.TherapyIdsByDrug)
        {
            if (knowledge.Drugs[drugId].RxNorm is not { } rxnorm)
            {
                continue;
            }

            foreach (var name in names)
            {
                if (!codes.TryGetValue(name, out var list))
                {
                    codes[name] = list = [];
                }

                list.Add(new Code(CodeSystems.RxNorm, rxnorm));
            }
        }

        return codes.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.Distinct().OrderBy(c => c.System, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal).ToImmutableArray(),
            StringComparer.Ordinal);
    }

    private enum RowRole
    {
        /// <summary>Always shown: a non-drug therapy, or a drug with a statement of its own.</summary>
        Listed,

        /// <summary>A drug reached only through a class statement: shown when the patient takes or is offered it.</summary>
        Latent,

        /// <summary>A class: shown for the members it covers that have no row of their own.</summary>
        Class,
    }

    private static readonly IReadOnlyDictionary<Code, string> NoOwners = new Dictionary<Code, string>();

    /// <summary>A row before selection; for a class, the members its statements reach and which member each RxNorm code is.</summary>
    private sealed record Candidate(TherapyOption Option, RowRole Role, ImmutableArray<ClassMember> Covered, IReadOnlyDictionary<Code, string> CodeOwners);

    private sealed record ConditionRows(
        ImmutableArray<Candidate> Candidates,
        ImmutableHashSet<string> ListedDrugIds,
        ImmutableArray<string> LatentDrugIds,
        FrozenDictionary<string, ImmutableArray<EvidenceFinding>> EvidenceByTherapy,
        ImmutableArray<TherapyOption> Default)
    {
        /// <summary>Per candidate (same index), its row in <see cref="Default"/>, or null where it is not shown.</summary>
        public ImmutableArray<TherapyOption?> DefaultByCandidate { get; init; }
    }
}
