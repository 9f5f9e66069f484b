using Relief.Core.Codes;

namespace Relief.Core.Tests.Codes;

/// <summary>
/// Code's own equality and hash (written by hand for speed: the system's length stands in for it in the hash): equal
/// codes, however their strings were made, are equal and hash equally; a different system or value is a different code.
/// </summary>
public class CodeEqualityTests
{
    [Fact]
    public void Codes_built_from_different_string_instances_are_equal_and_hash_equally()
    {
        var a = new Code(new string(CodeSystems.RxNorm.AsSpan()), new string("197696".AsSpan()));
        var b = new Code(CodeSystems.RxNorm, "197696");

        Assert.False(ReferenceEquals(a.System, b.System));
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Contains(b, new HashSet<Code> { a });
    }

    [Fact]
    public void Same_value_in_another_system_is_another_code_even_when_the_systems_are_as_long()
    {
        // Two systems of one length: the hash may collide, equality must not.
        var snomed = new Code("http://example.org/aaaa", "123");
        var other = new Code("http://example.org/bbbb", "123");

        Assert.NotEqual(snomed, other);
        Assert.Equal(2, new HashSet<Code> { snomed, other }.Count);
        Assert.NotEqual(new Code(CodeSystems.Snomed, "123"), new Code(CodeSystems.Loinc, "123"));
    }

    [Fact]
    public void Another_value_is_another_code()
    {
        Assert.NotEqual(new Code(CodeSystems.Loinc, "2160-0"), new Code(CodeSystems.Loinc, "2160-1"));
    }

    [Fact]
    public void The_default_code_equals_itself_and_no_real_code()
    {
        Assert.Equal(default(Code), default(Code));
        Assert.Equal(default(Code).GetHashCode(), default(Code).GetHashCode());
        Assert.NotEqual(default, new Code(CodeSystems.Loinc, "2160-0"));
    }
}
