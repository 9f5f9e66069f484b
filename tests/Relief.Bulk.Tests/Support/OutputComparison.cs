namespace Relief.Bulk.Tests.Support;

/// <summary>Byte-for-byte comparison of two screen output directories, every file including the charts.</summary>
internal static class OutputComparison
{
    public static void AssertIdentical(string expected, string actual)
    {
        var expectedFiles = Files(expected);
        Assert.Equal(expectedFiles, Files(actual));
        Assert.Contains("findings.parquet", expectedFiles);
        foreach (var file in expectedFiles)
        {
            var a = File.ReadAllBytes(Path.Combine(expected, file));
            var b = File.ReadAllBytes(Path.Combine(actual, file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between {expected} and {actual}");
        }
    }

    private static List<string> Files(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal)];
}
