using System.Collections.Immutable;

namespace Relief.Core.Knowledge.Model;

/// <summary>How one source judges one therapy (drug, class or non-drug therapy) for one condition.</summary>
public sealed record EvidenceStatement(
    string Id,
    string ConditionId,
    string TherapyId,
    EvidenceGrade Grade,
    int? Line,
    string? Quality,
    NumberNeeded? Nnt,
    NumberNeeded? Nnh,
    string Summary,
    string SourceId,
    ImmutableArray<string> NotFor)
{
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
