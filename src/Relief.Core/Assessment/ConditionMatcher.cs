using System.Collections.Immutable;
using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Patients;

namespace Relief.Core.Assessment;

/// <summary>A knowledge-base condition the record establishes, with the entries that establish it.</summary>
internal sealed record MatchedCondition(ConditionDefinition Condition, ImmutableArray<ConditionEvidence> RecordedAs);

/// <summary>Finds the patient's current conditions in the knowledge base's value sets.</summary>
internal static class ConditionMatcher
{
    public static ImmutableArray<MatchedCondition> Match(
        PatientRecord patient,
        NodaTime.LocalDate asOf,
        KnowledgeBase knowledge,
        ImmutableArray<UnrecognisedCode>.Builder unrecognised,
        ImmutableArray<SetAsideCondition>.Builder setAside)
    {
        var byCondition = new Dictionary<string, List<ConditionEvidence>>(StringComparer.Ordinal);
        foreach (var fact in patient.Conditions)
        {
            if (!fact.IsCurrent)
            {
                continue;
            }

            var matchedAny = false;
            foreach (var code in fact.Concept.Codes)
            {
                if (!knowledge.ConditionsByCode.TryGetValue(code, out var matches))
                {
                    continue;
                }

                matchedAny = true;
                foreach (var match in matches)
                {
                    if (!byCondition.TryGetValue(match.Condition.Id, out var list))
                    {
                        byCondition[match.Condition.Id] = list = [];
                    }

                    // One entry per resource: a Condition coded in SNOMED CT and ICD-10-CM is one fact.
                    if (list.Exists(e => e.ResourceId == fact.ResourceId))
                    {
                        continue;
                    }

                    list.Add(new ConditionEvidence
                    {
                        ResourceId = fact.ResourceId,
                        Code = code,
                        Display = fact.Concept.DisplayFor(code),
                        Onset = fact.Onset,
                        BroadMatch = match.Code.Broad,
                        Unconfirmed = fact.VerificationStatus is ConditionVerificationStatus.Provisional or ConditionVerificationStatus.Differential or ConditionVerificationStatus.Unconfirmed,
                        CodingNote = ValidityNote(match.Code, fact, asOf),
                    });
                }
            }

            // A condition a safety rule reads (CKD, pregnancy, falls, latent TB, heart failure) is recognised: it
            // is not a pain condition, but it is not unknown either.
            if (!matchedAny && !fact.Concept.Codes.Any(knowledge.Safety.UsesCondition))
            {
                var reason = fact.Concept.Codes.IsEmpty ? "condition has no code" : "condition code is not in any of Relief's condition value sets";
                if (fact.Concept.Codes.IsEmpty)
                {
                    unrecognised.Add(new UnrecognisedCode("(no code)", fact.Concept.Text, "Condition", fact.ResourceId, reason));
                }

                foreach (var code in fact.Concept.Codes)
                {
                    unrecognised.Add(new UnrecognisedCode(code.ToString(), fact.Concept.DisplayFor(code), "Condition", fact.ResourceId, reason));
                }
            }
        }

        SetAsideExcluded(patient, knowledge, byCondition, setAside);

        // A broader condition established only by entries that also establish a narrower one is subsumed:
        // a Condition coded "Neuropathic pain" and G89.28 is post-surgical neuropathic pain, which inherits the
        // neuropathic-pain evidence already; listing both would repeat the same options.
        var subsumed = byCondition.Keys
            .Where(broad => byCondition[broad].All(e => byCondition.Any(other =>
                other.Key != broad
                && Inherits(knowledge, other.Key, broad)
                && other.Value.Exists(o => o.ResourceId == e.ResourceId))))
            .ToHashSet(StringComparer.Ordinal);

        // Knowledge-base order, so the output is stable whatever order the record lists conditions in.
        return knowledge.Conditions
            .Where(c => byCondition.ContainsKey(c.Id) && !subsumed.Contains(c.Id))
            .Select(c => new MatchedCondition(c, [.. byCondition[c.Id]]))
            .ToImmutableArray();
    }

    // A condition matched only through broad codes does not stand when the record shows what its exclusion names:
    // a "chronic pain" code beside neuropathic pain, RA, lupus, MS or cancer pain is secondary pain, and NICE NG193's
    // chronic primary pain recommendations do not apply. The match is reported as set aside, never dropped silently.
    private static void SetAsideExcluded(
        PatientRecord patient, KnowledgeBase knowledge, Dictionary<string, List<ConditionEvidence>> byCondition, ImmutableArray<SetAsideCondition>.Builder setAside)
    {
        foreach (var condition in knowledge.Conditions)
        {
            var exclusion = condition.ExcludedWhen;
            if (exclusion.IsEmpty || !byCondition.TryGetValue(condition.Id, out var entries) || !entries.TrueForAll(e => e.BroadMatch))
            {
                continue;
            }

            // Plain loops (first occurrence kept, in this order): the record's current conditions can hold hundreds of codes.
            var because = ImmutableArray.CreateBuilder<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var other in byCondition.Keys)
            {
                if (other != condition.Id && exclusion.Conditions.Any(x => x == other || Inherits(knowledge, other, x)) && seen.Add(knowledge.ConditionsById[other].Name))
                {
                    because.Add(knowledge.ConditionsById[other].Name);
                }
            }

            if (!exclusion.Codes.IsEmpty)
            {
                var codes = new HashSet<Code>(exclusion.Codes);
                foreach (var fact in patient.Conditions)
                {
                    if (!fact.IsCurrent)
                    {
                        continue;
                    }

                    foreach (var code in fact.Concept.Codes)
                    {
                        if (codes.Contains(code))
                        {
                            var reason = $"{fact.Concept.DisplayFor(code)} ({CodeSystems.ShortName(code.System)} {code.Value})";
                            if (seen.Add(reason))
                            {
                                because.Add(reason);
                            }
                        }
                    }
                }
            }

            if (because.Count == 0)
            {
                continue;
            }

            byCondition.Remove(condition.Id);
            setAside.Add(new SetAsideCondition(condition.Id, condition.Name, [.. entries], because.ToImmutable(), exclusion.Reason ?? ""));
        }
    }

    private static bool Inherits(KnowledgeBase knowledge, string narrow, string broad)
    {
        var pending = new Stack<string>(knowledge.ConditionsById[narrow].Inherits);
        while (pending.Count > 0)
        {
            var parent = pending.Pop();
            if (parent == broad)
            {
                return true;
            }

            foreach (var grandparent in knowledge.ConditionsById[parent].Inherits)
            {
                pending.Push(grandparent);
            }
        }

        return false;
    }

    // ICD-10-CM changes every fiscal year (G35 became a non-billable header on 1 Oct 2025). A record
    // using a code outside its validity still means the condition, but the coder should hear of it.
    private static string? ValidityNote(ConditionCode code, ConditionFact fact, NodaTime.LocalDate asOf)
    {
        var when = fact.Recorded ?? fact.Onset ?? asOf;
        if (code.ValidTo is { } to && when > to)
        {
            return $"{CodeSystems.ShortName(code.Code.System)} {code.Code.Value} was retired after {to:yyyy-MM-dd}; recode to its successor";
        }

        if (code.ValidFrom is { } from && when < from)
        {
            return $"{CodeSystems.ShortName(code.Code.System)} {code.Code.Value} only exists from {from:yyyy-MM-dd}";
        }

        return null;
    }
}
