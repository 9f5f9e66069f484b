using Relief.Core.Codes;

namespace Relief.Core.Tests.Codes;

public class CodeFormatsTests
{
    [Theory]
    [InlineData("203082005")] // Fibromyalgia
    [InlineData("368581000119106")] // Neuropathy due to type 2 diabetes mellitus (extension id)
    [InlineData("52702003")] // Chronic fatigue syndrome
    public void Real_snomed_ids_pass_the_verhoeff_check(string id) =>
        Assert.True(CodeFormats.IsWellFormed(CodeSystems.Snomed, id));

    [Theory]
    [InlineData("203082006")] // last digit changed
    [InlineData("230082005")] // two digits swapped
    [InlineData("12345")] // too short
    [InlineData("Fibromyalgia")]
    public void Mistyped_snomed_ids_fail(string id) =>
        Assert.False(CodeFormats.IsWellFormed(CodeSystems.Snomed, id));

    [Theory]
    [InlineData("72514-3", true)] // pain severity NRS
    [InlineData("1742-6", true)] // ALT
    [InlineData("72514-4", false)]
    [InlineData("1742", false)]
    public void Loinc_codes_carry_a_mod10_check_digit(string code, bool valid) =>
        Assert.Equal(valid, CodeFormats.IsWellFormed(CodeSystems.Loinc, code));

    [Theory]
    [InlineData("M79.7", true)]
    [InlineData("G35.D", true)]
    [InlineData("G93.32", true)]
    [InlineData("m79.7", false)]
    [InlineData("M797.", false)]
    public void Icd10cm_codes_have_their_shape(string code, bool valid) =>
        Assert.Equal(valid, CodeFormats.IsWellFormed(CodeSystems.Icd10Cm, code));

    [Theory]
    [InlineData("N06AX21", true)]
    [InlineData("L04AB", true)]
    [InlineData("N06AX2", false)]
    public void Atc_codes_have_one_of_the_five_level_shapes(string code, bool valid) =>
        Assert.Equal(valid, CodeFormats.IsWellFormed(CodeSystems.Atc, code));

    [Fact]
    public void Codes_parse_from_aliases_and_print_as_uri_tokens()
    {
        Assert.True(Code.TryParse("snomed|203082005", out var code));
        Assert.Equal("http://snomed.info/sct|203082005", code.ToString());
        Assert.False(Code.TryParse("nosuchsystem|1", out _));
        Assert.False(Code.TryParse("203082005", out _));
    }
}
