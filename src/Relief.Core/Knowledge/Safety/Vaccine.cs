using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A vaccine by its CVX codes and whether it is live (knowledge-format-safety.md §6). <see cref="AntibodyProduct"/> marks immune
/// globulins recorded as immunizations (passive antibodies, not vaccines).
/// </summary>
public sealed record Vaccine(string Id, string Name, VaccineLiveness Live, bool AntibodyProduct, ImmutableArray<string> Cvx, ImmutableArray<string> SourceIds)
{
    /// <summary>CVX codes compare without leading zeros: "3" is "03".</summary>
    public static string NormaliseCvx(string cvx)
    {
        var trimmed = cvx.Trim().TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }
}
