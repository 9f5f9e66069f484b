using System.Globalization;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge.Model;
using Relief.Fhir.Contract;

namespace Relief.Web.Pages;

/// <summary>
/// What the patient page shows, in the order a pain or rheumatology clinic works: what needs action now,
/// then each condition's strongest options, then the medicines, then information. Only selection and
/// grouping happen here; every word of clinical content comes from the assessment and its knowledge.
/// </summary>
public sealed class AssessmentView(PatientAssessment assessment, AssessmentDocument document)
{
    /// <summary>How many options per condition are shown before "more"; the rest stay one click away.</summary>
    public const int StrongestOptions = 5;

    public PatientAssessment Assessment { get; } = assessment;

    public AssessmentDocument Document { get; } = document;

    public IEnumerable<Finding> ActionNow => Assessment.Findings.Where(f => !f.Unchecked && f.Severity >= Severity.Moderate);

    public IEnumerable<Finding> CouldNotCheck => Assessment.Findings.Where(f => f.Unchecked);

    public IEnumerable<Finding> ForInformation => Assessment.Findings.Where(f => !f.Unchecked && f.Severity == Severity.Info);

    public static IEnumerable<TherapyOption> Strongest(ConditionAssessment condition) =>
        condition.Options.Where(o => !o.Grade.IsAgainst()).Take(StrongestOptions);

    public static IEnumerable<TherapyOption> More(ConditionAssessment condition) =>
        condition.Options.Where(o => !o.Grade.IsAgainst()).Skip(StrongestOptions);

    public static IEnumerable<TherapyOption> NotRecommended(ConditionAssessment condition) =>
        condition.Options.Where(o => o.Grade.IsAgainst());

    public static string SeverityClass(Severity severity) => $"sev sev-{WireOf(severity)}";

    public static string WireOf(Severity severity) => Relief.Core.Knowledge.WireName.Of(severity);

    public static string GradeWords(EvidenceGrade grade) => Relief.Core.Knowledge.WireName.Of(grade).Replace('-', ' ');

    public static string Fact(FactReference fact)
    {
        var text = fact.Display;
        if (fact.Value is { } value)
        {
            text += $" {value.ToString(CultureInfo.InvariantCulture)} {fact.Unit}".TrimEnd();
        }

        if (fact.Date is { } date)
        {
            text += $" ({date:yyyy-MM-dd})";
        }

        return fact.Role is { } role ? $"{text}, {role}" : text;
    }

    public static string Computed(ComputedValue value) =>
        $"{value.Name} {value.Value.ToString("0.##", CultureInfo.InvariantCulture)} {value.Unit}{(value.Method.Length > 0 ? $" ({value.Method})" : "")}";

    /// <summary>The finding as plain text for a clinical note (copy-to-note).</summary>
    public static string NoteText(Finding finding) =>
        $"[{WireOf(finding.Severity)}] {finding.Title}. {finding.Why} {finding.Action} ({string.Join("; ", finding.Sources.Select(s => s.Label).Distinct())})".Replace("  ", " ", StringComparison.Ordinal);
}
