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
