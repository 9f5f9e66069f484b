using Relief.Fhir.Reading;

namespace Relief.Fhir.Tests;

/// <summary>What bulk screening asks of the reader before reading: which types it uses and where each names its patient.</summary>
public sealed class ReadResourceTypesTests
{
    [Theory]
    [InlineData("Condition", "subject")]
    [InlineData("MedicationRequest", "subject")]
    [InlineData("MedicationStatement", "subject")]
    [InlineData("Observation", "subject")]
    [InlineData("Procedure", "subject")]
    [InlineData("AllergyIntolerance", "patient")]
    [InlineData("Immunization", "patient")]
    public void Each_patient_resource_names_its_patient_in_the_R4_element(string type, string element)
    {
        Assert.True(ReadResourceTypes.IsRead(type));
        Assert.Equal(element, ReadResourceTypes.SubjectElement(type));
        Assert.False(ReadResourceTypes.IsShared(type));
    }

    [Fact]
    public void Encounter_and_CarePlan_are_read_by_subject_for_the_opioid_review()
    {
        Assert.True(ReadResourceTypes.IsRead("Encounter"));
        Assert.Equal("subject", ReadResourceTypes.SubjectElement("Encounter"));
        Assert.Equal("subject", ReadResourceTypes.SubjectElement("CarePlan"));
    }

    [Fact]
    public void Patient_and_Medication_are_read_and_name_no_subject_and_other_types_are_not_read()
    {
        Assert.True(ReadResourceTypes.IsRead("Patient"));
        Assert.Null(ReadResourceTypes.SubjectElement("Patient"));
        Assert.True(ReadResourceTypes.IsShared("Medication"));
        Assert.Null(ReadResourceTypes.SubjectElement("Medication"));
        Assert.False(ReadResourceTypes.IsRead("Claim"));
        Assert.False(ReadResourceTypes.IsRead("ExplanationOfBenefit"));
        Assert.False(ReadResourceTypes.IsRead("condition"));
    }
}
