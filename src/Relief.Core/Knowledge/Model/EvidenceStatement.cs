using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Model;

/// <summary>How one source judges one therapy (drug, class or non-drug therapy) for one condition.</summary>
public sealed record EvidenceStatement
{
    public required string Id { get; init; }

    public required string ConditionId { get; init; }

    public required string TherapyId { get; init; }

    public required EvidenceGrade Grade { get; init; }

    public required int? Line { get; init; }

    public required string? Quality { get; init; }

    public required NumberNeeded? Nnt { get; init; }

    public required NumberNeeded? Nnh { get; init; }

    public required string Summary { get; init; }

    public required string SourceId { get; init; }

    public required ImmutableArray<string> NotFor { get; init; }

    /// <summary>
    /// For a class statement: the members the source's evidence is about (NeuPSIG's SNRI evidence is duloxetine
    /// and venlafaxine). Empty: every member of the class.
    /// </summary>
    public ImmutableArray<string> Members { get; init; } = [];

    /// <summary>For a class statement: members the source's evidence does not cover, even if the class names them.</summary>
    public ImmutableArray<string> Excludes { get; init; } = [];

    /// <summary>For a drug statement: the product forms it is about (ids of the drug's forms). Empty: every form.</summary>
    public ImmutableArray<string> Forms { get; init; } = [];

    /// <summary>The use the statement is limited to (NICE CG173: tramadol only as rescue therapy).</summary>
    public StatementUsage Usage { get; init; }

    /// <summary>Whether the statement speaks of every member and every form of its therapy in ordinary use.</summary>
    public bool IsQualified => !Members.IsEmpty || !Excludes.IsEmpty || !Forms.IsEmpty || Usage != StatementUsage.Any;
}

/// <summary>A number needed to treat or harm, with its 95% confidence interval and the outcome it counts.</summary>
public sealed record NumberNeeded(decimal Value, decimal? Low, decimal? High, string? Outcome)
{
    public override string ToString() => Low is { } low && High is { } high ? $"{Value} ({low}-{high})" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
