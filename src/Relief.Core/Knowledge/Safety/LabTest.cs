using System.Collections.Immutable;
using Relief.Core.Codes;

namespace Relief.Core.Knowledge.Safety;

/// <summary>
/// A lab test by every LOINC that means it (knowledge-format-safety.md §8.1). <see cref="Unit"/> is the canonical UCUM unit
/// (null for qualitative tests); <see cref="Analyte"/> selects analyte-specific unit conversions and is the
/// test's id unless the file names another.
/// </summary>
public sealed record LabTest(string Id, string Name, string? Unit, bool Qualitative, string Analyte, ImmutableArray<Code> Codes)
{
    /// <summary>Set for pharmacogenomic tests whose results must be read as a phenotype (TPMT).</summary>
    public PhenotypeReading? Phenotype { get; init; }
}
