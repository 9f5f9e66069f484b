namespace Relief.Core.Codes;

/// <summary>
/// A coded concept as a value: the code system's canonical URI and the code within it.
/// Written and parsed as <c>system|code</c>, the FHIR token form, so it round-trips through JSON,
/// CLI arguments and knowledge files unchanged.
/// </summary>
public readonly record struct Code
{
    public Code(string system, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        System = system;
        Value = value;
    }

    public string System { get; }

    public string Value { get; }

    public override string ToString() => $"{System}|{Value}";

    // Codes are hashed and compared constantly (every knowledge look-up, every concept key). The code value tells codes
    // apart; the system is one of a handful of long URIs, so its length stands in for it in the hash (equal codes still
    // hash equally) and it is compared last.
    public bool Equals(Code other) =>
        string.Equals(Value, other.Value, StringComparison.Ordinal) && string.Equals(System, other.System, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value), System?.Length ?? -1);

    /// <summary>Parses <c>system|code</c>; the system part may be a short alias (snomed, icd10cm, rxnorm...).</summary>
    public static bool TryParse(string? text, out Code code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var bar = text.LastIndexOf('|');
        if (bar <= 0 || bar == text.Length - 1)
        {
            return false;
        }

        var system = CodeSystems.Resolve(text[..bar].Trim());
        var value = text[(bar + 1)..].Trim();
        if (system is null || value.Length == 0)
        {
            return false;
        }

        code = new Code(system, value);
        return true;
    }
}
