using Relief.Core.Knowledge.Model;

namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// Checks what a statement says it covers: members and excludes name drugs of the statement's class (a
/// statement cannot reach a drug outside it), forms name forms of the statement's drug. Unknown ids are errors,
/// so a typo cannot silently widen or narrow a guideline.
/// </summary>
internal sealed class StatementScope(List<DrugClass> classes, List<Drug> drugs)
{
    private readonly Dictionary<string, DrugClass> _classes = classes.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private readonly Dictionary<string, Drug> _drugs = drugs.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IEnumerable<string> Check(string? therapy, List<string> members, List<string> excludes, List<string> forms)
    {
        if (therapy is null)
        {
            yield break;
        }

        var isClass = _classes.ContainsKey(therapy);
        if (!isClass && (members.Count > 0 || excludes.Count > 0))
        {
            yield return $"members and excludes apply to a class statement; '{therapy}' is not a class";
        }
        else
        {
            foreach (var problem in CheckMembers(therapy, members, "members").Concat(CheckMembers(therapy, excludes, "excludes")))
            {
                yield return problem;
            }

            foreach (var both in members.Intersect(excludes, StringComparer.Ordinal))
            {
                yield return $"'{both}' is in both members and excludes";
            }
        }

        if (forms.Count == 0)
        {
            yield break;
        }

        if (!_drugs.TryGetValue(therapy, out var drug))
        {
            yield return $"forms apply to a drug statement; '{therapy}' is not a drug";
            yield break;
        }

        foreach (var form in forms.Where(f => !drug.Forms.Any(df => df.Id == f)))
        {
            yield return $"form '{form}' is not a form of {therapy} in drugs.yaml";
        }
    }

    private IEnumerable<string> CheckMembers(string classId, List<string> ids, string field)
    {
        foreach (var id in ids)
        {
            if (!_drugs.TryGetValue(id, out var drug))
            {
                yield return $"{field} names unknown drug '{id}'";
            }
            else if (!InClass(drug.ClassId, classId))
            {
                yield return $"{field} names '{id}', which is not a member of class '{classId}'";
            }
        }
    }

    // The drug's class or any ancestor; the class validator has already rejected cycles, the bound is a guard.
    private bool InClass(string? classId, string target)
    {
        for (var (id, steps) = (classId, 0); id is not null && steps <= _classes.Count; steps++)
        {
            if (id == target)
            {
                return true;
            }

            id = _classes.TryGetValue(id, out var c) ? c.ParentId : null;
        }

        return false;
    }
}
