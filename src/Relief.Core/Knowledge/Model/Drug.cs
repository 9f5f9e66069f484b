using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Model;

/// <summary>An ingredient, identified by its RxNorm ingredient code.</summary>
public sealed record Drug(
    string Id,
    string Name,
    string? ClassId,
    string? RxNorm,
    ImmutableArray<string> Atc,
    ImmutableArray<string> Brands,
    ImmutableArray<string> Synonyms,
    string? Mechanism,
    DrugScope Scope)
{
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
