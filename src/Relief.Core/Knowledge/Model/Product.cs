using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Model;

/// <summary>An RxNorm product (clinical or branded drug, pack) and every ingredient it contains.</summary>
public sealed record Product(string RxNorm, string Name, string Tty, ImmutableArray<string> IngredientIds);
