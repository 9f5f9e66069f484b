using Relief.Core.Knowledge.Model;

namespace Relief.Web.Pages.Learn;

/// <summary>
/// How the patient pages say an evidence grade: the grade itself stays in the page (so it matches what the
/// clinician sees); this is its reading for someone who is not a clinician.
/// </summary>
public static class PlainLanguage
{
    public static string Grade(EvidenceGrade grade) => grade switch
    {
        EvidenceGrade.StrongFor => "Guidelines recommend it: good evidence that it helps",
        EvidenceGrade.WeakFor => "It may help some people: the evidence is limited or the benefit small",
        EvidenceGrade.Insufficient => "There is not enough evidence to say whether it helps",
        EvidenceGrade.Experimental => "Experimental: only within research studies",
        EvidenceGrade.WeakAgainst => "Guidelines suggest not using it for this",
        _ => "Guidelines recommend against it for this",
    };

    public const string TalkToYourClinician =
        "This page explains what published evidence says. It is not advice to start, stop or change any treatment: " +
        "talk to your clinician, who knows your whole situation.";
}
