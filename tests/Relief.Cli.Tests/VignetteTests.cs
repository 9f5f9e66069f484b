using System.Text.Json;
using Relief.Cli.Tests.Infrastructure;

namespace Relief.Cli.Tests;

/// <summary>
/// The clinical vignettes in samples/: each sample's expected findings (samples/vignettes/expected-findings.json), present
/// and absent, checked against what `relief assess --format json` says of it.
/// </summary>
public class VignetteTests
{
    private static readonly Lazy<JsonElement> Expectations = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "vignettes", "expected-findings.json"))).RootElement);

    private static readonly Lazy<Dictionary<string, JsonElement>> Assessments = new(() =>
    {
        var asOf = Expectations.Value.GetProperty("asOf").GetString()!;
        var result = ReliefProcess.Run("assess", RepositoryPaths.Samples, "--format", "json", "--as-of", asOf);
        Assert.Equal(0, result.ExitCode);
        return result.OutputLines
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(d => Path.GetFileName(d.GetProperty("file").GetString()!), d => d.GetProperty("assessment"));
    });

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var sample in Expectations.Value.GetProperty("samples").EnumerateObject())
        {
            data.Add(sample.Name);
        }

        return data;
    }

    [Fact]
    public void Every_sample_has_expectations()
    {
        var files = Directory.GetFiles(RepositoryPaths.Samples, "*.json")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        var described = Expectations.Value.GetProperty("samples").EnumerateObject().Select(p => p.Name).ToHashSet();

        var undescribed = files.Where(f => !described.Contains(f!)).ToList();
        Assert.True(undescribed.Count == 0, "samples without expectations: " + string.Join(", ", undescribed));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_shows_its_expected_findings(string sample)
    {
        var expected = Expectations.Value.GetProperty("samples").GetProperty(sample);
        var assessment = Assessments.Value[sample];
        var findings = Findings(assessment).ToList();

        foreach (var key in Strings(expected, "present"))
        {
            Assert.True(findings.Contains(key), $"{sample}: expected {key}; found {string.Join(", ", findings)}");
        }

        foreach (var key in Strings(expected, "absent"))
        {
            var matches = key.EndsWith(":*", StringComparison.Ordinal)
                ? findings.Where(f => f.StartsWith(key[..^1], StringComparison.Ordinal)).ToList()
                : findings.Where(f => f == key).ToList();
            Assert.True(matches.Count == 0, $"{sample}: must not report {string.Join(", ", matches)}");
        }

        if (expected.TryGetProperty("verdicts", out var verdicts))
        {
            foreach (var verdict in verdicts.EnumerateObject())
            {
                var medication = assessment.GetProperty("medications").EnumerateArray()
                    .Single(m => m.GetProperty("ingredients").EnumerateArray().Any(i => i.GetProperty("drugId").GetString() == verdict.Name));
                Assert.Equal(verdict.Value.GetString(), medication.GetProperty("verdict").GetString());
            }
        }

        if (expected.TryGetProperty("response", out var responses))
        {
            foreach (var response in responses.EnumerateObject())
            {
                var finding = assessment.GetProperty("response").EnumerateArray().Single(r => r.GetProperty("ingredientId").GetString() == response.Name);
                Assert.Equal(response.Value.GetString(), finding.GetProperty("decision").GetString());
            }
        }

        // A response decision on a drug that also carries a serious caution must name it (issue 6: renal sample).
        if (expected.TryGetProperty("responseCautions", out var links))
        {
            foreach (var link in links.EnumerateObject())
            {
                var finding = assessment.GetProperty("response").EnumerateArray().Single(r => r.GetProperty("ingredientId").GetString() == link.Name);
                Assert.Contains(finding.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains($"see caution {link.Value.GetString()}", StringComparison.Ordinal));
            }
        }

        foreach (var drug in Strings(expected, "taper"))
        {
            var finding = assessment.GetProperty("response").EnumerateArray().Single(r => r.GetProperty("ingredientId").GetString() == drug);
            Assert.NotEmpty(finding.GetProperty("taper").EnumerateArray());
        }
    }

    // Every finding as "family:rule" (monitoring adds ":kind"); cautions that could not be judged are not findings.
    private static IEnumerable<string> Findings(JsonElement a)
    {
        var safety = a.GetProperty("safety");
        foreach (var c in safety.GetProperty("cautions").EnumerateArray().Where(c => !c.GetProperty("factorUnknown").GetBoolean()))
        {
            yield return $"caution:{c.GetProperty("ruleId").GetString()}";
        }

        foreach (var i in safety.GetProperty("interactions").EnumerateArray())
        {
            yield return $"interaction:{i.GetProperty("ruleId").GetString()}";
        }

        foreach (var d in safety.GetProperty("doses").EnumerateArray())
        {
            yield return $"dose:{d.GetProperty("ruleId").GetString()}";
        }

        foreach (var m in a.GetProperty("monitoring").EnumerateArray())
        {
            yield return $"monitoring:{m.GetProperty("ruleId").GetString()}:{m.GetProperty("kind").GetString()}";
        }
    }

    private static IEnumerable<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(e => e.GetString()!) : [];
}
