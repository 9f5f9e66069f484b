using System.Collections.Immutable;

namespace Relief.Fhir.CdsHooks;

/// <summary>
/// Which of Relief's prefetch templates a request satisfied. A template is satisfied by its own key (data or
/// <c>null</c>), or, for clients that use keys of their own (the CDC opioid guideline's examples say
/// <c>item1</c>…<c>item16</c>), by any other item that delivered resources of the template's type. An
/// item under an unknown key that is <c>null</c> or an empty Bundle says nothing about which query it
/// answered, so it satisfies nothing. A failed item (an OperationOutcome) satisfies nothing and its
/// message is kept for the 412.
/// </summary>
public sealed record PrefetchCoverage(ImmutableArray<PrefetchTemplate> Missing, ImmutableArray<string> Failures)
{
    public bool Complete => Missing.All(t => !t.Required);

    public static PrefetchCoverage Of(PrefetchData prefetch, IEnumerable<PrefetchTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(prefetch);
        var list = templates.ToImmutableArray();
        var ownKeys = list.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var byType = prefetch.Items.Values
            .Where(i => i.State == PrefetchState.Data && !ownKeys.Contains(i.Key))
            .SelectMany(i => i.ResourceTypes)
            .ToHashSet(StringComparer.Ordinal);

        var missing = ImmutableArray.CreateBuilder<PrefetchTemplate>();
        var failures = ImmutableArray.CreateBuilder<string>();
        foreach (var item in prefetch.Items.Values.Where(i => i.State == PrefetchState.Failed).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            failures.Add($"prefetch.{item.Key}: {item.Failure}");
        }

        foreach (var template in list)
        {
            if (prefetch.Items.TryGetValue(template.Key, out var own))
            {
                if (own.State != PrefetchState.Failed)
                {
                    continue;
                }
            }
            else if (byType.Contains(template.ResourceType))
            {
                continue;
            }

            missing.Add(template);
        }

        return new PrefetchCoverage(missing.ToImmutable(), failures.ToImmutable());
    }
}
