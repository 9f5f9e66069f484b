using System.Collections.Immutable;
using Relief.Core.Assessment.Findings;

namespace Relief.Core.Assessment;

/// <summary>
/// What <see cref="Assessor.AssessFindings"/> returns: a patient's findings in <see cref="FindingOrder"/> and age
/// on the assessment date (at death for a deceased patient), equal to <see cref="PatientAssessment.Findings"/>
/// and <see cref="PatientAssessment.Age"/>.
/// </summary>
public sealed record FindingsAssessment(ImmutableArray<Finding> Findings, int? Age);
