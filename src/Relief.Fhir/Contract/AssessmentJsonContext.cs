using System.Text.Json;
using System.Text.Json.Serialization;
using Relief.Core.Assessment;
using Relief.Core.Assessment.Findings;
using Relief.Core.Assessment.Safety;
using Relief.Core.Knowledge;
using Relief.Core.Knowledge.Model;
using Relief.Core.Knowledge.Safety;
using Relief.Core.Patients;

namespace Relief.Fhir.Contract;

/// <summary>Source-generated serialization of the contract: no reflection at run time, the same shape everywhere.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(CodeJsonConverter),
        typeof(LocalDateJsonConverter),
        typeof(KebabCaseEnumConverter<EvidenceGrade>),
        typeof(KebabCaseEnumConverter<TherapyKind>),
        typeof(KebabCaseEnumConverter<MedicationUse>),
        typeof(KebabCaseEnumConverter<ReviewVerdict>),
        typeof(KebabCaseEnumConverter<IngredientResolution>),
        typeof(KebabCaseEnumConverter<DrugScope>),
        typeof(KebabCaseEnumConverter<AdministrativeSex>),
        typeof(KebabCaseEnumConverter<FindingFamily>),
        typeof(KebabCaseEnumConverter<CautionSeverity>),
        typeof(KebabCaseEnumConverter<InteractionKind>),
        typeof(KebabCaseEnumConverter<InteractionSeverity>),
        typeof(KebabCaseEnumConverter<DoseRuleKind>),
        typeof(KebabCaseEnumConverter<DoseSeverity>),
        typeof(KebabCaseEnumConverter<MonitoringFindingKind>),
        typeof(KebabCaseEnumConverter<MonitoringAction>),
        typeof(KebabCaseEnumConverter<ResponseDecisionKind>),
        typeof(KebabCaseEnumConverter<GradualWithdrawal>),
        typeof(KebabCaseEnumConverter<TaperPer>),
        typeof(KebabCaseEnumConverter<DataQualityKind>),
        typeof(KebabCaseEnumConverter<Severity>),
    ])]
[JsonSerializable(typeof(AssessmentDocument))]
public sealed partial class AssessmentJsonContext : JsonSerializerContext
{
    /// <summary>Writes one document on one line (JSON Lines), as the CLI prints it.</summary>
    public static string ToJsonLine(AssessmentDocument document) =>
        JsonSerializer.Serialize(document, Default.AssessmentDocument);
}
