namespace Relief.Fhir.Reading;

/// <summary>Limits that keep one absurd input from costing the whole process.</summary>
public sealed record FhirReadOptions
{
    public static readonly FhirReadOptions Default = new();

    private readonly long maxBytes = 64L * 1024 * 1024;
    private readonly int maxWarnings = 1000;

    /// <summary>Inputs larger than this are refused before parsing (default 64 MB; the largest Synthea bundle is 3.9 MB).</summary>
    public long MaxBytes
    {
        get => maxBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxBytes));
            maxBytes = value;
        }
    }

    /// <summary>Warnings kept per read; past this, one closing warning says how many more were found.</summary>
    public int MaxWarnings
    {
        get => maxWarnings;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxWarnings));
            maxWarnings = value;
        }
    }
}
