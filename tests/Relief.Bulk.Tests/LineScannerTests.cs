using System.Text;
using Relief.Bulk.Grouping;
using Relief.Bulk.Tests.Support;

namespace Relief.Bulk.Tests;

/// <summary>The first pass's reading of one line: which patient, which kind, or why it is bad.</summary>
public sealed class LineScannerTests
{
    [Theory]
    [InlineData("""{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}}""", "p1")]
    [InlineData("""{"id":"c1","subject":{"display":"x","reference":"https://ehr.example/fhir/Patient/p2/_history/3"},"resourceType":"Condition"}""", "p2")]
    [InlineData("""{"resourceType":"Immunization","patient":{"reference":"Patient/p3"},"subject":{"reference":"Patient/other"}}""", "p3")]
    [InlineData("""{"resourceType":"Patient","id":"p4","link":[{"other":{"reference":"Patient/p9"}}]}""", "p4")]
    public void A_resource_is_routed_to_the_patient_it_is_about(string line, string patient)
    {
        var key = LineScanner.Scan(Encoding.UTF8.GetBytes(line));

        Assert.Equal(LineKind.PatientResource, key.Kind);
        Assert.Equal(patient, key.Key);
    }

    [Theory]
    [InlineData("""{"resourceType":"Condition","subject":{"reference":"Patient/p1"}""", "malformed JSON")]
    [InlineData("""{"resourceType":"Condition","subject":{"reference":"Patient/p1"}} {}""", "malformed JSON at byte 67: '{' is invalid after a single JSON value")]
    [InlineData("""[1,2]""", "expected a FHIR resource")]
    [InlineData("""{"id":"x"}""", "no resourceType")]
    [InlineData("""{"resourceType":"Observation","id":"o1"}""", "no subject.reference")]
    [InlineData("""{"resourceType":"AllergyIntolerance","subject":{"reference":"Patient/p1"}}""", "no patient.reference")]
    [InlineData("""{"resourceType":"Condition","subject":{"reference":"Group/g1"}}""", "does not name a Patient")]
    [InlineData("""{"resourceType":"Patient","name":[{"family":"X"}]}""", "Patient without an id")]
    public void A_line_that_names_no_patient_is_bad_and_says_why(string line, string reason)
    {
        var key = LineScanner.Scan(Encoding.UTF8.GetBytes(line));

        Assert.Equal(LineKind.Bad, key.Kind);
        Assert.Contains(reason, key.Problem);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 62)] // in the patient reference
    [InlineData(new byte[] { 0xC3 }, 62)] // a sequence cut short
    public void A_line_that_is_not_utf8_is_bad_and_says_where(byte[] invalid, int at)
    {
        var line = "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/p"u8.ToArray()
            .Concat(invalid).Concat("1\"},\"code\":{\"text\":\"café\"}}"u8.ToArray()).ToArray();

        var key = LineScanner.Scan(line);

        Assert.Equal(LineKind.Bad, key.Kind);
        Assert.Equal($"not UTF-8 text at byte {at}", key.Problem);
        // Valid multi-byte text (the é) is not mistaken for it.
        Assert.Equal(LineKind.PatientResource, LineScanner.Scan(line.Where((_, i) => i != at - 1).ToArray()).Kind);
    }

    [Fact]
    public void A_type_the_engine_does_not_read_is_ignored_without_reading_the_rest()
    {
        // Past the type nothing is read: a Claim's defects cost nothing and are not reported.
        var key = LineScanner.Scan("""{"resourceType":"Claim","id":"x","patient":{"reference":"Patient/p1"},"item":[ this is not json"""u8);

        Assert.Equal(LineKind.Ignored, key.Kind);
        Assert.Equal("Claim", key.ResourceType);
    }

    [Fact]
    public void A_medication_is_catalogued_by_id_and_blank_lines_are_skipped()
    {
        Assert.Equal(new LineKey(LineKind.Medication, "Medication", "m1", null), LineScanner.Scan("""{"resourceType":"Medication","id":"m1"}"""u8));
        Assert.Equal(LineKind.Blank, LineScanner.Scan("  \r"u8).Kind);
    }

    [Fact]
    public void Shards_partition_patients_and_the_line_shard_picks_exactly_one()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => $"patient-{i}").ToList();
        var perShard = ids.GroupBy(id => PatientHash.Shard(PatientHash.Of(id), 4)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([0, 1, 2, 3], perShard.Keys.Order());
        Assert.All(perShard.Values, n => Assert.InRange(n, 400, 600));
        Assert.All(ids, id => Assert.Single(Enumerable.Range(0, 4), k => new ShardSpec(k, 4).Contains(PatientHash.Of(id))));
        Assert.Single(Enumerable.Range(0, 5), k => new ShardSpec(k, 5).ReportsLine("Claim.ndjson", 17));
    }

    [Fact]
    public void A_shard_stops_reading_a_line_once_it_is_known_to_be_another_shards()
    {
        var (mine, other) = (OwnedBy(0), OwnedBy(1));
        var shard = new ShardSpec(0, 2);

        // The line breaks off after its subject: the early stop never reaches the damage, the full scan does.
        var cut = Encoding.UTF8.GetBytes($$"""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/{{other}}"},"value""");
        Assert.Equal(LineKind.OtherShard, LineScanner.Scan(cut, shard).Kind);
        Assert.Equal(LineKind.Bad, LineScanner.Scan(cut).Kind);

        var patient = Encoding.UTF8.GetBytes($$"""{"resourceType":"Patient","id":"{{other}}","birthDate":""");
        Assert.Equal(LineKind.OtherShard, LineScanner.Scan(patient, shard).Kind);

        // The shard's own lines, Medications (every shard needs them) and other shards' bad lines are read to the end.
        var own = Encoding.UTF8.GetBytes($$$"""{"resourceType":"Observation","subject":{"reference":"Patient/{{{mine}}}"},"status":"final"}""");
        Assert.Equal(new LineKey(LineKind.PatientResource, "Observation", mine, null), LineScanner.Scan(own, shard));
        var medication = Encoding.UTF8.GetBytes("""{"resourceType":"Medication","id":"m1","code":{"text":"x"}}""");
        Assert.Equal(LineKind.Medication, LineScanner.Scan(medication, shard).Kind);
        var ownCut = Encoding.UTF8.GetBytes($$"""{"resourceType":"Observation","subject":{"reference":"Patient/{{mine}}"},"value""");
        Assert.Equal(LineKind.Bad, LineScanner.Scan(ownCut, shard).Kind);

        // The element that names the patient is the type's: an Immunization's subject is not its patient.
        var immunization = Encoding.UTF8.GetBytes($$$"""{"resourceType":"Immunization","subject":{"reference":"Patient/{{{other}}}"},"patient":{"reference":"Patient/{{{mine}}}"}}""");
        Assert.Equal(mine, LineScanner.Scan(immunization, shard).Key);
    }

    [Fact]
    public void Stopping_at_the_patient_reads_the_sample_lines_as_a_whole_read_does() =>
        AssertPatientOnlyAgreesWithWhole(TestExport.FromBundles(RepositoryPaths.SampleBundles));

    [Fact]
    [Trait("Needs", "shared-data")]
    public void Stopping_at_the_patient_reads_the_synthea_lines_as_a_whole_read_does() =>
        AssertPatientOnlyAgreesWithWhole(TestExport.FromBundles(RepositoryPaths.SyntheaBundles));

    [Fact]
    public void Stopping_at_the_patient_leaves_damage_after_it_unread()
    {
        var cut = """{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"value"""u8;
        Assert.Equal(new LineKey(LineKind.PatientResource, "Observation", "p1", null), LineScanner.Scan(cut, mode: ScanMode.PatientOnly));
        Assert.Equal(LineKind.Bad, LineScanner.Scan(cut).Kind);

        // Damage before the patient is known is still found, and lines naming no patient are still read whole.
        var early = """{"resourceType":"Observation","id":"o1","status":"final" "subject":{"reference":"Patient/p1"}}"""u8;
        Assert.Equal(LineKind.Bad, LineScanner.Scan(early).Kind);
        Assert.Equal(LineScanner.Scan(early), LineScanner.Scan(early, mode: ScanMode.PatientOnly));
        var medication = """{"resourceType":"Medication","id":"m1","code":"""u8;
        Assert.Equal(LineKind.Bad, LineScanner.Scan(medication, mode: ScanMode.PatientOnly).Kind);
        var group = """{"resourceType":"Condition","subject":{"reference":"Group/g1"},"code":"""u8;
        Assert.Equal(LineScanner.Scan(group), LineScanner.Scan(group, mode: ScanMode.PatientOnly));
    }

    /// <summary>
    /// The screen's first pass reads a line only up to its patient (<see cref="ScanMode.PatientOnly"/>). On every real
    /// line it must give the key a whole read gives; on the same line cut short (its closing brace gone, so the damage
    /// lies after everything the scanner looks for) it must give the whole read's bad key, or the patient the intact
    /// line names, which the second pass then reports as malformed (<c>ScreenInputTests</c>).
    /// </summary>
    private static void AssertPatientOnlyAgreesWithWhole(TestExport export)
    {
        var (deferred, aboutPatients) = (0, 0);
        var lines = export.LinesByType.Values.SelectMany(l => l).ToList();
        Assert.NotEmpty(lines);
        foreach (var text in lines)
        {
            var line = Encoding.UTF8.GetBytes(text);
            var whole = LineScanner.Scan(line);
            Assert.Equal(whole, LineScanner.Scan(line, mode: ScanMode.PatientOnly));
            aboutPatients += whole.Kind == LineKind.PatientResource ? 1 : 0;

            var cut = line[..^1];
            var (cutWhole, cutFast) = (LineScanner.Scan(cut), LineScanner.Scan(cut, mode: ScanMode.PatientOnly));
            if (cutFast.Kind == LineKind.PatientResource && cutWhole.Kind == LineKind.Bad)
            {
                Assert.Equal(whole, cutFast);
                deferred++;
            }
            else
            {
                Assert.Equal(cutWhole, cutFast);
            }
        }

        // Every line about a patient names it before its closing brace: the early stop is taken, not only allowed.
        Assert.True(aboutPatients > 0);
        Assert.Equal(aboutPatients, deferred);
    }

    private static string OwnedBy(int shard) =>
        Enumerable.Range(0, 100).Select(i => $"p{i}").First(id => new ShardSpec(shard, 2).Contains(PatientHash.Of(id)));
}
