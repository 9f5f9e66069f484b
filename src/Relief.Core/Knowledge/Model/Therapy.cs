using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Model;

/// <summary>Non-drug care, a procedure or an experimental therapy.</summary>
public sealed record Therapy(string Id, string Name, NonDrugTherapyKind Kind, ImmutableArray<Code> Codes, string? Mechanism);
