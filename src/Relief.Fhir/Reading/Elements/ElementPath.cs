using System.Text;

namespace Relief.Fhir.Reading.Elements;

/// <summary>
/// Where an element is inside its resource, for warnings. The last step (<c>coding[2]</c>) is kept apart
/// and joined only when a warning is written: the happy path of a 4 MB bundle must not pay for strings
/// nobody reads.
/// </summary>
internal readonly struct ElementPath(string parent, string? name = null, int index = -1)
{
    public static readonly ElementPath Root = new("");

    public static implicit operator ElementPath(string path) => new(path);

    /// <summary>The path of the <paramref name="index"/>th item of this path's array <paramref name="arrayName"/>.</summary>
    public ElementPath Item(string arrayName, int index) =>
        name is null && index < 0 ? new ElementPath(parent, arrayName, index) : new ElementPath(ToString(), arrayName, index);

    /// <summary>The path of this path's object-valued property <paramref name="property"/>, joined lazily where it can be.</summary>
    public ElementPath Then(string property) =>
        name is null && index < 0 ? new ElementPath(parent, property) : new ElementPath(ToString(), property);

    /// <summary>This path extended by a property name: a string, for a warning about to be written.</summary>
    public string Child(ReadOnlySpan<byte> property)
    {
        var path = ToString();
        var child = Encoding.UTF8.GetString(property);
        return path.Length == 0 ? child : $"{path}.{child}";
    }

    public string Child(string property)
    {
        var path = ToString();
        return path.Length == 0 ? property : $"{path}.{property}";
    }

    public override string ToString()
    {
        if (name is null)
        {
            return index < 0 ? parent : $"{parent}[{index}]";
        }

        var head = parent.Length == 0 ? name : $"{parent}.{name}";
        return index < 0 ? head : $"{head}[{index}]";
    }
}
