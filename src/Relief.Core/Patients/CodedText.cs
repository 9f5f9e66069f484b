using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Patients;

/// <summary>A concept as the record states it: every coding it carries, and its text or first display.</summary>
public sealed record CodedText(ImmutableArray<Code> Codes, string? Text)
{
    public static readonly CodedText Empty = new([], null);

    /// <summary>Display names by code, as the record gave them, for explanations and unknown-code listings.</summary>
    public ImmutableDictionary<Code, string> Displays { get; init; } = ImmutableDictionary<Code, string>.Empty;

    public string DisplayFor(Code code) => Displays.TryGetValue(code, out var display) ? display : Text ?? code.Value;

    public override string ToString() => Text ?? (Codes.IsDefaultOrEmpty ? "(uncoded)" : Codes[0].ToString());
}
