using System.Text.Json;
using Relief.Core.Patients;
using Relief.Fhir.Reading;

namespace Relief.Fhir.Tests;

/// <summary>
/// The reader reuses its placing lists and set per thread (<see cref="ScratchList{T}"/>, <see cref="ScratchSet{T}"/>)
/// and walks a <see cref="List{T}"/> of resources without its interface: a read must give the same record whatever the
/// thread read before (nothing left over from another patient), and the same for a list as for any sequence.
/// </summary>
public class ScratchReuseTests
{
    [Fact]
    public void Reads_after_other_reads_give_what_a_first_read_gives()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 3);

        // Each bundle read first on a thread of its own: nothing kept from an earlier read.
        var first = files.ToDictionary(file => file, file => OnNewThread(() => Describe(FhirBundleReader.ReadFile(file))));

        // Then all of them on one thread, forwards and backwards, each after others (large and small, with warnings and without).
        foreach (var file in files.Concat(files.Reverse()))
        {
            Assert.Equal(first[file], Describe(FhirBundleReader.ReadFile(file)));
        }
    }

    [Fact]
    public void A_list_of_resources_reads_as_any_sequence_of_them_reads()
    {
        var compared = 0;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (!document.RootElement.TryGetProperty("entry", out var entries))
            {
                continue;
            }

            var resources = entries.EnumerateArray().Select(entry => entry.GetProperty("resource")).ToList();
            var asList = Describe(PatientRecordReader.FromResources(resources));
            var asSequence = Describe(PatientRecordReader.FromResources(resources.Select(r => r)));
            var asArray = Describe(PatientRecordReader.FromResources(resources.ToArray()));
            Assert.Equal(asSequence, asList);
            Assert.Equal(asSequence, asArray);
            compared++;
        }

        Assert.True(compared > 3);
    }

    [Fact]
    public void Another_patient_s_resources_after_a_read_are_not_carried_over()
    {
        // Two different patients' bundles read one after the other: the second has none of the first's facts.
        var files = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.json").Order(StringComparer.Ordinal).ToArray();
        foreach (var file in files)
        {
            var alone = OnNewThread(() => Describe(FhirBundleReader.ReadFile(file)));
            var afterOthers = OnNewThread(() =>
            {
                foreach (var other in files)
                {
                    FhirBundleReader.ReadFile(other);
                }

                return Describe(FhirBundleReader.ReadFile(file));
            });
            Assert.Equal(alone, afterOthers);
        }
    }

    private static string OnNewThread(Func<string> read)
    {
        string? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = read();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result! : throw new InvalidOperationException("the read failed", failure);
    }

    /// <summary>The record's facts (ids, codes, values, statuses), warnings and ignored types as text, for comparison.</summary>
    private static string Describe(FhirReadResult result)
    {
        if (result.Record is not { } record)
        {
            return $"error {result.Error!.Kind}: {result.Error.Message}";
        }

        var lines = new List<string> { $"{record.Id} {record.BirthDate} {record.Sex} {record.Deceased} {record.DeceasedOn} {record.Name}" };
        lines.AddRange(record.Conditions.Select(c => $"condition {c.ResourceId} {Concept(c.Concept)} {c.ClinicalStatus} {c.VerificationStatus} {c.Onset} {c.Abatement} {string.Join(",", c.Categories)}"));
        lines.AddRange(record.Medications.Select(m => $"medication {m.ResourceId} {Concept(m.Medication)} {m.Use} {m.Status} {m.Start} {m.End} {m.Dosages.Length} {string.Join(",", m.Categories)}"));
        lines.AddRange(record.Observations.Select(o => $"observation {o.ResourceId} {Concept(o.Concept)} {o.Status} {o.Effective} {o.Value} {o.Unit} {o.ValueText} {(o.ValueConcept is null ? "" : Concept(o.ValueConcept))}"));
        lines.AddRange(record.Allergies.Select(a => $"allergy {a.ResourceId} {Concept(a.Substance)} {a.ClinicalStatus}"));
        lines.AddRange(record.Procedures.Select(p => $"procedure {p.ResourceId} {Concept(p.Concept)} {p.Status} {p.Performed}"));
        lines.AddRange(record.Immunizations.Select(i => $"immunization {i.ResourceId} {Concept(i.Vaccine)} {i.Status} {i.Occurrence}"));
        lines.AddRange(record.Encounters.Select(e => $"encounter {e.ResourceId} {Concept(e.Type)} {e.Status} {e.Start} {e.End}"));
        lines.AddRange(record.CarePlans.Select(c => $"careplan {c.ResourceId} {Concept(c.Category)} {c.Status} {c.Created}"));
        lines.AddRange(record.ServiceRequests.Select(s => $"servicerequest {s.ResourceId} {Concept(s.Code)} {s.Status} {s.Authored}"));
        lines.AddRange(result.Warnings.Select(w => $"warning {w.Location}|{w.Path}|{w.Message}"));
        lines.AddRange(result.IgnoredResources.Select(i => $"ignored {i.Key} {i.Value}"));
        return string.Join('\n', lines);
    }

    private static string Concept(CodedText concept) =>
        $"[{string.Join(",", concept.Codes.Select(c => c.ToString()))}] {concept.Text} {{{string.Join(",", concept.Displays.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))}}}";
}
