namespace Relief.Core.Knowledge.Loading;

/// <summary>
/// The wording of every kind of problem the knowledge validators share, one method per kind, so "a reference that
/// does not resolve" or "a number that must be above 0" reads the same in every file (Firely's coded messages,
/// NodaTime's one guard vocabulary). <see cref="EntryChecks"/> and <see cref="KnowledgeIds"/> word their checks
/// here; a validator words a problem itself only when no other rule has one like it (a rule's own constraint, such
/// as "only the highest renal band may be open-ended"), and then beside the rule. Tests assert these texts.
/// </summary>
internal static class KnowledgeMessages
{
    // ---------------------------------------------------------------- presence

    public static string Required(string field) => $"{field} is required";

    /// <summary>A list that needs an item: "a vaccine needs at least one CVX code".</summary>
    public static string NeedsAtLeastOne(string owner, string item) => $"{owner} needs at least one {item}";

    // ---------------------------------------------------------------- closed vocabularies and numbers

    public static string RequiredOneOf(string field, string allowed) => $"{field} is required ({allowed})";

    public static string NotOneOf(string field, string allowed, object? got) => $"{field} must be one of {allowed} (got '{got}')";

    public static string RequiredOneOf<T>(string field)
        where T : struct, Enum => RequiredOneOf(field, WireName.List<T>());

    public static string NotOneOf<T>(string field, object? got)
        where T : struct, Enum => NotOneOf(field, WireName.List<T>(), got);

    public static string NotAboveZero(string field) => $"{field} must be above 0";

    public static string Negative(string fields) => $"{fields} must not be negative";

    public static string NotADate(string field, string text) => $"{field} '{text}' is not a date (yyyy-MM-dd)";

    // ---------------------------------------------------------------- references

    /// <summary>A reference to an entry of another file that is not there: "group 'x' is not in safety/groups.yaml".</summary>
    public static string NotIn(string field, string? id, string where) => $"{field} '{id}' is not in {where}";

    /// <summary>A reference to an entry of the wrong kind: "parent 'x' is not a class".</summary>
    public static string NotA(string field, string? id, string kind) => $"{field} '{id}' is not {kind}";

    public static string ResolvesToNoIngredient(string field, string? id) => $"{field} '{id}' resolves to no ingredient";

    /// <summary>Following the field from an entry leads back to the entry (condition inheritance, class parents, group members).</summary>
    public static string OnCycle(string field) => $"{field}: a cycle leads back to this entry";

    /// <summary>A field that only one kind of entry takes: "only kind renal-bands has measure".</summary>
    public static string OnlyFor(string field, string owner) => $"only {owner} has {field}";

    /// <summary>A kind whose amount is missing: "kind max-weekly needs max-weekly: { value, unit }".</summary>
    public static string KindNeedsAmount(string kind, string field) => $"kind {kind} needs {field}: {{ value, unit }}";

    public static string NotAMassUnit(string field, string? unit) => $"{field} unit '{unit}' must be a mass unit in {KnowledgeLoader.UnitsFile}";

    // ---------------------------------------------------------------- ids and uniqueness

    public const string IdMissing = "id is missing";

    public const string IdNotKebabCase = "id must be lower-case kebab-case";

    public static string DuplicateId(string kind) => $"duplicate {kind} id";

    public static string ListedTwice(string what) => $"{what} listed twice";

    public static string AlreadyUsedBy(string field, string value, string owner) => $"{field} '{value}' is already used by '{owner}'";

    // ---------------------------------------------------------------- codes, sources, review

    public static string CodeNeedsSystem(string? system, string? code) => $"code entry needs a known system and a code (got system '{system}', code '{code}')";

    /// <summary>"LOINC code 'x' is not well-formed", "ICD-10-CM prefix 'J4' is not well-formed".</summary>
    public static string NotWellFormed(string what, string value) => $"{what} '{value}' is not well-formed";

    public static string CodeNeedsDisplay(string code) => $"code '{code}' needs a display";

    /// <summary>A clinical statement that cites nothing, where an entry may cite one source or several.</summary>
    public const string MissingSource = "every statement must cite a source (source: or sources:)";

    /// <summary>The same, where an entry cites exactly one source (evidence statements: <c>source:</c> only).</summary>
    public const string MissingTheSource = "every statement must cite a source (source:)";

    public static string Verified(string? got) => got is null ? "verified must be V or K" : $"verified must be V or K (got '{got}')";

    // ---------------------------------------------------------------- files

    public const string DirectoryNotFound = "knowledge directory not found";

    public const string FolderNotFound = "evidence folder not found";

    public const string FileNotFound = "file not found";

    public const string FileEmpty = "file is empty";

    public const string ChangedWhileCompiling = "the knowledge files changed while the snapshot was being compiled; run it again";
}
