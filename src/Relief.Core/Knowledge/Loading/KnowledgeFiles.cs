namespace Relief.Core.Knowledge.Loading;

// The YAML shapes of knowledge/ files. Mutable DTOs because YamlDotNet fills them; they are validated and
// turned into the immutable model by KnowledgeValidator and never leave the loader.
#pragma warning disable CA1002, CA2227 // DTOs: YamlDotNet needs settable lists.

internal sealed class ManifestFile
{
    public string? Name { get; set; }

    public string? Version { get; set; }

    public string? Released { get; set; }
}

internal sealed class SourcesFile
{
    public List<SourceEntry>? Sources { get; set; }
}

internal sealed class SourceEntry
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Authors { get; set; }

    public string? Publication { get; set; }

    public int? Year { get; set; }

    public string? Kind { get; set; }

    public string? Pmid { get; set; }

    public string? Doi { get; set; }

    public string? Url { get; set; }

    public string? Label { get; set; }

    public string? Note { get; set; }
}

internal sealed class ConditionsFile
{
    public List<ConditionEntry>? Conditions { get; set; }
}

internal sealed class ConditionEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string>? Synonyms { get; set; }

    public string? Kind { get; set; }

    public List<string>? Inherits { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public List<CodeEntry>? Codes { get; set; }

    public ExclusionEntry? ExcludedWhen { get; set; }
}

internal sealed class ExclusionEntry
{
    public List<string>? Conditions { get; set; }

    public List<CodeEntry>? Codes { get; set; }

    public string? Reason { get; set; }

    public string? Note { get; set; }
}

internal sealed class CodeEntry
{
    public string? System { get; set; }

    public string? Code { get; set; }

    public string? Display { get; set; }

    public bool Broad { get; set; }

    public string? ValidFrom { get; set; }

    public string? ValidTo { get; set; }

    public string? Note { get; set; }
}

internal sealed class DrugsFile
{
    public List<ClassEntry>? Classes { get; set; }

    public List<DrugEntry>? Drugs { get; set; }
}

internal sealed class ClassEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Parent { get; set; }

    public string? Mechanism { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }
}

internal sealed class DrugEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Class { get; set; }

    public string? Rxnorm { get; set; }

    public List<string>? Atc { get; set; }

    public List<string>? Brands { get; set; }

    public List<string>? Synonyms { get; set; }

    public string? Mechanism { get; set; }

    public string? Scope { get; set; }

    public List<FormEntry>? Forms { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }
}

internal sealed class FormEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string>? Match { get; set; }

    public string? Note { get; set; }
}

internal sealed class ProductsFile
{
    public List<ProductEntry>? Products { get; set; }
}

internal sealed class ProductEntry
{
    public string? Rxnorm { get; set; }

    public string? Name { get; set; }

    public string? Tty { get; set; }

    public List<string>? Ingredients { get; set; }

    public string? Note { get; set; }
}

internal sealed class TherapiesFile
{
    public List<TherapyEntry>? Therapies { get; set; }
}

internal sealed class TherapyEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public List<CodeEntry>? Codes { get; set; }

    public string? Mechanism { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }
}

internal sealed class EvidenceFile
{
    public string? Condition { get; set; }

    public List<StatementEntry>? Statements { get; set; }
}

internal sealed class StatementEntry
{
    public string? Id { get; set; }

    public string? Therapy { get; set; }

    public string? Grade { get; set; }

    public int? Line { get; set; }

    public string? Quality { get; set; }

    public NumberNeededEntry? Nnt { get; set; }

    public NumberNeededEntry? Nnh { get; set; }

    public string? Summary { get; set; }

    public string? Source { get; set; }

    public List<string>? NotFor { get; set; }

    public List<string>? Members { get; set; }

    public List<string>? Excludes { get; set; }

    public List<string>? Forms { get; set; }

    public string? Usage { get; set; }

    public string? Note { get; set; }
}

internal sealed class NumberNeededEntry
{
    public decimal? Value { get; set; }

    public decimal? Low { get; set; }

    public decimal? High { get; set; }

    public string? Outcome { get; set; }
}
