namespace Relief.Store.Model;

/// <summary>
/// The stable identity of a store entry in FHIR: every exported resource carries an identifier with this
/// system and the value "kind/id" (course/12, goal/3, diary/40, patient/abc, ...). Importing a bundle that
/// carries one naming an entry this store already holds for the same patient changes nothing (the store's own
/// entry came back), so an export re-imported never duplicates goals, courses or diary values. The values are
/// the store's row ids, so they identify entries within one store; across stores the resource ids (kept at
/// import) do.
/// </summary>
public static class EntryIdentifier
{
    public const string System = "urn:relief:entry";

    public const string Patient = "patient";
    public const string Condition = "condition";
    public const string Course = "course";
    public const string Measurement = "measurement";
    public const string Diary = "diary";
    public const string Lab = "lab";
    public const string AdverseEvent = "adverse-event";
    public const string Goal = "goal";

    /// <summary>A QuestionnaireResponse rebuilt from scores: the value names the imported response ("QuestionnaireResponse/abc").</summary>
    public const string Questionnaire = "questionnaire";

    public static string Value(string kind, long id) => $"{kind}/{id}";

    public static string Value(string kind, string id) => $"{kind}/{id}";

    /// <summary>Splits "kind/rest" (rest may itself hold a slash); false for anything else.</summary>
    public static bool TryParse(string? value, out string kind, out string id)
    {
        var slash = value?.IndexOf('/') ?? -1;
        if (slash <= 0 || slash == value!.Length - 1)
        {
            (kind, id) = ("", "");
            return false;
        }

        (kind, id) = (value[..slash], value[(slash + 1)..]);
        return true;
    }
}
