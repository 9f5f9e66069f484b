using Relief.Core.Codes;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;

namespace Relief.Cli.Rendering;

/// <summary>Prints a knowledge entry found by id or code, and the statements that concern it.</summary>
public sealed class KnowledgeEntryRenderer(KnowledgeBase knowledge, TextWriter output)
{
    /// <summary>Shows what has this id or code. Ids are kebab-case and ICD-10-CM codes upper case, so
    /// "Fibromyalgia" and "m79.7" are tried in that form when the text as typed finds nothing.</summary>
    public bool Show(string text)
    {
        var found = ShowById(text);
        found |= ShowByCode(text);
        if (!found && text.ToLowerInvariant() is var id && id != text)
        {
            found = ShowById(id);
        }

        if (!found && text.ToUpperInvariant() is var code && code != text)
        {
            found = ShowByCode(code);
        }

        return found;
    }

    private bool ShowById(string id)
    {
        var found = false;
        if (knowledge.Sources.TryGetValue(id, out var source))
        {
            found = true;
            output.WriteLine($"source {source.Id}: {source.Title}");
            output.WriteLine($"  {source.Authors} {source.Publication} ({source.Year}, {WireName.Of(source.Kind)})");
            WriteIf("  PMID ", source.Pmid);
            WriteIf("  DOI ", source.Doi);
            WriteIf("  ", source.Url);
            WriteStatements(knowledge.Statements.Where(s => s.SourceId == id), "cited by");
        }

        if (knowledge.ConditionsById.TryGetValue(id, out var condition))
        {
            found = true;
            WriteCondition(condition);
        }

        if (knowledge.Classes.ContainsKey(id) || knowledge.Drugs.ContainsKey(id) || knowledge.Therapies.ContainsKey(id))
        {
            found = true;
            WriteTherapy(id);
        }

        foreach (var statement in knowledge.Statements.Where(s => s.Id == id))
        {
            found = true;
            WriteStatements([statement], "statement");
        }

        found |= new SafetyEntryRenderer(knowledge, output).ShowById(id);
        return found;
    }

    private bool ShowByCode(string text)
    {
        var candidates = Code.TryParse(text, out var exact)
            ? [exact]
            : new[] { CodeSystems.Snomed, CodeSystems.Icd10Cm, CodeSystems.RxNorm, CodeSystems.Loinc, CodeSystems.Cvx }
                .Where(system => CodeFormats.IsWellFormed(system, text))
                .Select(system => new Code(system, text))
                .ToArray();

        var found = false;
        foreach (var code in candidates)
        {
            if (knowledge.ConditionsByCode.TryGetValue(code, out var matches))
            {
                found = true;
                foreach (var match in matches)
                {
                    output.WriteLine($"{code} {match.Code.Display}{(match.Code.Broad ? " (broad)" : "")} → condition {match.Condition.Id}");
                    WriteCondition(match.Condition);
                }
            }

            if (code.System == CodeSystems.RxNorm && knowledge.Products.TryGetValue(code.Value, out var product))
            {
                found = true;
                output.WriteLine($"product {product.RxNorm} ({product.Tty}) {product.Name}");
                output.WriteLine($"  ingredients: {string.Join(", ", product.IngredientIds)}");
                foreach (var ingredient in product.IngredientIds)
                {
                    WriteTherapy(ingredient);
                }
            }

            if (code.System == CodeSystems.RxNorm && knowledge.DrugsByRxNorm.TryGetValue(code.Value, out var drug))
            {
                found = true;
                WriteTherapy(drug.Id);
            }

            if (knowledge.TherapiesByCode.TryGetValue(code, out var therapy))
            {
                found = true;
                WriteTherapy(therapy.Id);
            }
        }

        foreach (var drug in knowledge.Drugs.Values.Where(d => d.Atc.Contains(text, StringComparer.OrdinalIgnoreCase)).OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            found = true;
            WriteTherapy(drug.Id);
        }

        return found;
    }

    private void WriteCondition(ConditionDefinition condition)
    {
        output.WriteLine($"condition {condition.Id}: {condition.Name} ({WireName.Of(condition.Kind)})");
        if (!condition.Inherits.IsEmpty)
        {
            output.WriteLine($"  inherits: {string.Join(", ", condition.Inherits)}");
        }

        foreach (var code in condition.Codes)
        {
            var validity = (code.ValidFrom, code.ValidTo) switch
            {
                (null, null) => "",
                var (from, to) => $" [valid {from?.ToString("yyyy-MM-dd", null) ?? "…"} to {to?.ToString("yyyy-MM-dd", null) ?? "…"}]",
            };
            output.WriteLine($"  {CodeSystems.ShortName(code.Code.System),-9} {code.Code.Value,-18} {code.Display}{(code.Broad ? " (broad)" : "")}{validity}");
        }

        var statements = knowledge.EffectiveStatements[condition.Id];
        output.WriteLine($"  {statements.Length} evidence statement(s) apply:");
        foreach (var applicable in statements.OrderBy(s => s.Statement.Grade))
        {
            WriteStatement(applicable.Statement, applicable.InheritedFrom);
        }
    }

    private void WriteTherapy(string id)
    {
        var description = knowledge.Describe(id);
        output.WriteLine($"{description.Kind switch { TherapyKind.Drug => "drug", TherapyKind.DrugClass => "class", _ => "therapy" }} {id}: {description.Name}");
        if (knowledge.Drugs.TryGetValue(id, out var drug))
        {
            WriteIf("  RxNorm ingredient ", drug.RxNorm);
            WriteIf("  class: ", drug.ClassId is null ? null : string.Join(" < ", knowledge.ClassChain(drug.ClassId)));
            WriteIf("  ATC: ", drug.Atc.IsEmpty ? null : string.Join(", ", drug.Atc));
            WriteIf("  brands: ", drug.Brands.IsEmpty ? null : string.Join(", ", drug.Brands));
            WriteIf("  forms: ", drug.Forms.IsEmpty ? null : string.Join("; ", drug.Forms.Select(f => $"{f.Id} ({f.Name})")));
            output.WriteLine($"  scope: {WireName.Of(drug.Scope)}");
        }

        if (knowledge.Therapies.TryGetValue(id, out var therapy))
        {
            foreach (var code in therapy.Codes)
            {
                output.WriteLine($"  {code}");
            }
        }

        WriteIf("  mechanism: ", description.Mechanism);
        if (knowledge.Drugs.ContainsKey(id))
        {
            output.WriteLine("  safety rules:");
            new SafetyEntryRenderer(knowledge, output).ShowForIngredient(id);
        }

        // A drug hears its own statements and the class statements that cover it (members and excludes respected).
        WriteStatements(knowledge.StatementsAbout(id), "evidence");
    }

    private void WriteStatements(IEnumerable<EvidenceStatement> statements, string heading)
    {
        var list = statements.OrderBy(s => s.ConditionId, StringComparer.Ordinal).ThenBy(s => s.Grade).ToList();
        if (list.Count == 0)
        {
            return;
        }

        output.WriteLine($"  {heading} ({list.Count}):");
        foreach (var statement in list)
        {
            WriteStatement(statement, null);
        }
    }

    private void WriteStatement(EvidenceStatement s, string? inheritedFrom)
    {
        var line = s.Line is { } l ? $" line {l}" : "";
        var nnt = s.Nnt is { } n ? $" NNT {n}" : "";
        var via = inheritedFrom is null ? "" : $" (via {inheritedFrom})";
        var scope = new List<string>();
        if (!s.Members.IsEmpty)
        {
            scope.Add($"members: {string.Join(", ", s.Members)}");
        }

        if (!s.Excludes.IsEmpty)
        {
            scope.Add($"excludes: {string.Join(", ", s.Excludes)}");
        }

        if (!s.Forms.IsEmpty)
        {
            scope.Add($"forms: {string.Join(", ", s.Forms)}");
        }

        if (s.Usage != StatementUsage.Any)
        {
            scope.Add($"usage: {WireName.Of(s.Usage)}");
        }

        var limits = scope.Count == 0 ? "" : $" [{string.Join("; ", scope)}]";
        output.WriteLine($"    [{s.Id}] {s.ConditionId} × {s.TherapyId}: {s.Grade.ToWireName()}{line}{nnt}{via}{limits} — {s.Summary} ({knowledge.Sources[s.SourceId].Citation})");
    }

    private void WriteIf(string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            output.WriteLine(label + value);
        }
    }
}
