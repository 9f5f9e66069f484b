using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Relief.Core.Tests.Knowledge;

/// <summary>
/// A deep comparison of two object graphs by reflection, independent of any serializer: every public property and
/// field of Relief's types, every element of every collection in order, decimals with their scale (1.50 is not 1.5),
/// tuples item by item. Returns the path of the first difference, or null when the graphs are equal.
/// </summary>
internal static class StructuralComparison
{
    public static string? FirstDifference(object? expected, object? actual) =>
        Compare(expected, actual, "$", new HashSet<(object, object)>(PairComparer.Instance));

    private static string? Compare(object? a, object? b, string path, HashSet<(object, object)> visited)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? null : $"{path}: {Show(a)} vs {Show(b)}";
        }

        var type = a.GetType();
        if (type != b.GetType())
        {
            return $"{path}: a {type.Name} vs a {b.GetType().Name}";
        }

        if (a is string || type.IsPrimitive || type.IsEnum)
        {
            return a.Equals(b) ? null : $"{path}: {Show(a)} vs {Show(b)}";
        }

        if (a is decimal x)
        {
            var (sa, sb) = (x.ToString(CultureInfo.InvariantCulture), ((decimal)b).ToString(CultureInfo.InvariantCulture));
            return sa == sb ? null : $"{path}: {sa} vs {sb}";
        }

        if (!type.IsValueType && !visited.Add((a, b)))
        {
            return null;
        }

        if (IsDefaultImmutableArray(a) || IsDefaultImmutableArray(b))
        {
            return IsDefaultImmutableArray(a) == IsDefaultImmutableArray(b) ? null : $"{path}: default vs non-default ImmutableArray";
        }

        if (a is ITuple ta)
        {
            var tb = (ITuple)b;
            return Enumerable.Range(0, ta.Length).Select(i => Compare(ta[i], tb[i], $"{path}.Item{i + 1}", visited)).FirstOrDefault(d => d is not null);
        }

        if (a is IEnumerable ea)
        {
            var (la, lb) = (ea.Cast<object?>().ToList(), ((IEnumerable)b).Cast<object?>().ToList());
            if (la.Count != lb.Count)
            {
                return $"{path}: {la.Count} vs {lb.Count} elements";
            }

            var inElements = Enumerable.Range(0, la.Count).Select(i => Compare(la[i], lb[i], $"{path}[{i}]", visited)).FirstOrDefault(d => d is not null);
            if (inElements is not null || !IsRelief(type))
            {
                return inElements;
            }
        }

        if (IsRelief(type) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)))
        {
            return Members(type).Select(m => Compare(m.Get(a), m.Get(b), $"{path}.{m.Name}", visited)).FirstOrDefault(d => d is not null);
        }

        // Another library's value (NodaTime dates, regular expressions): its own equality, else the same text.
        if (a.Equals(b))
        {
            return null;
        }

        var (text, other) = (a.ToString(), b.ToString());
        Assert.False(text == type.ToString(), $"{path}: cannot compare two {type} values (no equality, no text)");
        return text == other ? null : $"{path}: {text} vs {other}";
    }

    private static bool IsRelief(Type type) => type.Namespace?.StartsWith("Relief.", StringComparison.Ordinal) == true;

    private static bool IsDefaultImmutableArray(object value) =>
        value.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
        && (bool)t.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!;

    private static IEnumerable<(string Name, Func<object, object?> Get)> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (p.Name, (Func<object, object?>)p.GetValue))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => (f.Name, (Func<object, object?>)f.GetValue)));

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "?",
    };

    private sealed class PairComparer : IEqualityComparer<(object, object)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((object, object) x, (object, object) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((object, object) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
