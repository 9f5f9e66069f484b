namespace Relief.Core.Assessment.Findings;

/// <summary>
/// The one order of findings, everywhere (docs/severity.md): most severe first; within a severity boxed
/// warnings and ONC high-priority pairs first; what was judged before what could not be; then family, rule
/// and the stable key, so the same record always lists the same findings in the same order.
/// </summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static readonly FindingOrder Instance = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = y.Severity.CompareTo(x.Severity);
        if (order == 0)
        {
            order = y.HighPriority.CompareTo(x.HighPriority);
        }

        if (order == 0)
        {
            order = x.Unchecked.CompareTo(y.Unchecked);
        }

        if (order == 0)
        {
            order = x.Family.CompareTo(y.Family);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.RuleId, y.RuleId);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Key, y.Key);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Title, y.Title);
    }
}
