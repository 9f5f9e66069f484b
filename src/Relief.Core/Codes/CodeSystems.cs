using System.Collections.Frozen;

namespace Relief.Core.Codes;

/// <summary>Canonical URIs of the code systems Relief reads, as FHIR R4 names them.</summary>
public static class CodeSystems
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Loinc = "http://loinc.org";
    public const string Atc = "http://www.whocc.no/atc";
    public const string Cvx = "http://hl7.org/fhir/sid/cvx";
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>Short names used in knowledge files and on the command line.</summary>
    public static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["snomed"] = Snomed,
        ["sct"] = Snomed,
        ["icd10cm"] = Icd10Cm,
        ["icd-10-cm"] = Icd10Cm,
        ["icd10"] = Icd10,
        ["rxnorm"] = RxNorm,
        ["loinc"] = Loinc,
        ["atc"] = Atc,
        ["cvx"] = Cvx,
        ["ucum"] = Ucum,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>An alias or a URI to the canonical URI; null for text that is neither.</summary>
    public static string? Resolve(string aliasOrUri)
    {
        if (Aliases.TryGetValue(aliasOrUri, out var uri))
        {
            return uri;
        }

        return aliasOrUri.Contains(':', StringComparison.Ordinal) ? aliasOrUri : null;
    }

    /// <summary>The short alias of a known system, for compact display; the URI otherwise.</summary>
    public static string ShortName(string system) => system switch
    {
        Snomed => "SNOMED CT",
        Icd10Cm => "ICD-10-CM",
        Icd10 => "ICD-10",
        RxNorm => "RxNorm",
        Loinc => "LOINC",
        Atc => "ATC",
        Cvx => "CVX",
        _ => system,
    };
}
