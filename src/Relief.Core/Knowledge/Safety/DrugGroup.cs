using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>A named set of drugs (knowledge-format-safety.md §3): members are drug, class or group ids; it carries no severity.</summary>
public sealed record DrugGroup(string Id, string Name, ImmutableArray<string> Members, FrozenSet<string> Ingredients, ImmutableArray<string> SourceIds);
