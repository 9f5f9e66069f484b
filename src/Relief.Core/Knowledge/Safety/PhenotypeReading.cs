using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// How a pharmacogenomic test's results are read as a phenotype (knowledge-format-safety.md §8.1a; CPIC): from the result's words, from a
/// star-allele diplotype, or from a numeric activity against its interpretation code or reference range. A result
/// none of these can read has no phenotype: it does not count as "tested" and cannot reassure.
/// </summary>
public sealed record PhenotypeReading
{
    public required ImmutableArray<PhenotypeText> Text { get; init; }

    public required FrozenDictionary<string, string> Interpretation { get; init; }

    public required string? BelowRange { get; init; }

    public required string? WithinRange { get; init; }

    public required string? AboveRange { get; init; }

    public required PhenotypeDiplotype? Diplotype { get; init; }

    public required ImmutableArray<string> SourceIds { get; init; }
}

/// <summary>Result text containing one of <see cref="Contains"/> (ignoring case) reads as <see cref="Phenotype"/>; rules are tried in order.</summary>
public sealed record PhenotypeText(ImmutableArray<string> Contains, string Phenotype);

/// <summary>
/// A diplotype (two star alleles such as *1/*3A) reads by its count of no-function alleles: none, one or two. An
/// allele in neither list (uncertain function) leaves the result unread.
/// </summary>
public sealed record PhenotypeDiplotype(
    FrozenSet<string> NormalFunction, FrozenSet<string> NoFunction, string Zero, string One, string Two);
