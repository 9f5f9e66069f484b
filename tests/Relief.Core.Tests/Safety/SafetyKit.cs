using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Safety;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Safety;

/// <summary>Assesses a built patient against the shipped knowledge base on <see cref="PatientBuilder.AsOf"/>.</summary>
internal static class SafetyKit
{
    private static readonly Assessor Engine = new(TestKnowledge.Real);

    public static LocalDate AsOf => PatientBuilder.AsOf;

    public static PatientAssessment Assess(PatientBuilder patient, LocalDate? asOf = null) => Engine.Assess(patient.Build(), asOf ?? AsOf);

    public static PatientAssessment Assess(PatientRecord patient, LocalDate? asOf = null) => Engine.Assess(patient, asOf ?? AsOf);

    public static Assessor Assessor => Engine;

    public static LocalDate Date(int year, int month, int day) => new(year, month, day);

    public static IEnumerable<string> RuleIds(this SafetyReport report) =>
        report.Cautions.Select(c => c.RuleId).Concat(report.Interactions.Select(i => i.RuleId)).Concat(report.Doses.Select(d => d.RuleId));
}

/// <summary>RxNorm ingredient codes from knowledge/drugs.yaml, and product names real records carry.</summary>
internal static class Rx
{
    public const string Adalimumab = "327361";
    public const string Allopurinol = "519";
    public const string Amitriptyline = "704";
    public const string Azathioprine = "1256";
    public const string Carbamazepine = "2002";
    public const string Celecoxib = "140587";
    public const string Cimetidine = "2541";
    public const string Citalopram = "2556";
    public const string Clonazepam = "2598";
    public const string Cyclobenzaprine = "21949";
    public const string Duloxetine = "72625";
    public const string Fentanyl = "4337";
    public const string Fluoxetine = "4493";
    public const string Gabapentin = "25480";
    public const string Ibuprofen = "5640";
    public const string Infliximab = "191831";
    public const string Leflunomide = "27169";
    public const string Lorazepam = "6470";
    public const string Methotrexate = "6851";
    public const string Morphine = "7052";
    public const string Naltrexone = "7243";
    public const string Naproxen = "7258";
    public const string Ondansetron = "26225";
    public const string Omeprazole = "7646";
    public const string Oxycodone = "7804";
    public const string Paroxetine = "32937";
    public const string Phenelzine = "8123";
    public const string Prednisone = "8640";
    public const string Prednisolone = "8638";
    public const string Methylprednisolone = "6902";
    public const string Pregabalin = "187832";
    public const string Rituximab = "121191";
    public const string Sertraline = "36437";
    public const string Sumatriptan = "37418";
    public const string Tramadol = "10689";
    public const string Warfarin = "11289";
    public const string Atazanavir = "343047";

    /// <summary>A product in products.yaml holding two ingredients.</summary>
    public const string AcetaminophenOxycodone = "1049221";

    public const string TramadolTablet = "Tramadol Hydrochloride 50 MG Oral Tablet";
    public const string MethotrexateTablet = "Methotrexate 2.5 MG Oral Tablet";
    public const string CoTrimoxazole = "Sulfamethoxazole 800 MG / Trimethoprim 160 MG Oral Tablet";
}

/// <summary>LOINC codes of the tests in knowledge/monitoring.yaml.</summary>
internal static class Loinc
{
    public const string Wbc = "6690-2";
    public const string Neutrophils = "751-8";
    public const string Platelets = "777-3";
    public const string Alt = "1742-6";
    public const string Albumin = "1751-7";
    public const string Creatinine = "2160-0";
    public const string CreatinineMolar = "14682-9";
    public const string Egfr = "98979-8";
    public const string EgfrMdrd = "33914-3";
    public const string Weight = "29463-7";
    public const string Qtc = "8636-3";
    public const string Ecg = "11524-6";
    public const string Igra = "71773-6";
    public const string Hbsag = "5196-1";
    public const string AntiHbc = "16933-4";
    public const string HcvAb = "16128-1";
    public const string Tpmt = "79713-4";
    public const string Igg = "2465-3";
    public const string Igm = "2472-9";
    public const string Sodium = "2951-2";
    public const string PainNrs = "72514-3";
    public const string WongBaker = "38221-8";
    public const string Pregnancy = "82810-3";
}
