using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Model;

/// <summary>An ingredient, identified by its RxNorm ingredient code.</summary>
public sealed record Drug
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string? ClassId { get; init; }

    public required string? RxNorm { get; init; }

    public required ImmutableArray<string> Atc { get; init; }

    public required ImmutableArray<string> Brands { get; init; }

    public required ImmutableArray<string> Synonyms { get; init; }

    public required string? Mechanism { get; init; }

    public required DrugScope Scope { get; init; }

    /// <summary>Product forms that evidence judges apart (capsaicin cream, capsaicin 8% patch); usually none.</summary>
    public ImmutableArray<ProductForm> Forms { get; init; } = [];
}

public enum DrugScope
{
    /// <summary>A therapy for the conditions Relief covers: evidence and review apply.</summary>
    InScope,

    /// <summary>Known for safety checks (interactions, cautions) but not itself a pain or fatigue therapy.</summary>
    CoMedication,

    /// <summary>Recognised so a product resolves, but outside the knowledge base's clinical content.</summary>
    Other,
}
