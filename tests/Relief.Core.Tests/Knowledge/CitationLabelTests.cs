using Relief.Core.Assessment.Findings;
using Relief.Core.Knowledge.Loading;
using Relief.Core.Knowledge.Model;
using Relief.Core.Tests.Safety;
using static Relief.Core.Tests.Safety.SafetyKit;

namespace Relief.Core.Tests.Knowledge;

/// <summary>How a source is named to a clinician: its label in lists, its one-line citation in full.</summary>
public sealed class CitationLabelTests : IDisposable
{
    private readonly KnowledgeCopy _copy = new(TestKnowledge.MiniDirectory);

    public void Dispose() => _copy.Dispose();

    private Source LoadSource(string id)
    {
        var result = KnowledgeLoader.Load(_copy.Directory);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Knowledge!.Sources[id];
    }

    [Fact]
    public void A_source_without_a_label_is_known_by_its_first_author_and_year()
    {
        _copy.Replace("sources.yaml", "authors: Author C, publication", "authors: \"Smith J, Jones K.\", publication");

        Assert.Equal("Smith 2019", LoadSource("trial-c").Label);
    }

    [Fact]
    public void Without_a_list_of_authors_the_default_label_is_the_title_and_year()
    {
        Assert.Equal("Guideline A (2015)", LoadSource("guideline-a").Label);
    }

    [Fact]
    public void A_written_label_wins()
    {
        _copy.Replace("sources.yaml", "{ id: guideline-b, title: Guideline B,", "{ id: guideline-b, label: \"GL-B 2021\", title: Guideline B,");

        Assert.Equal("GL-B 2021", LoadSource("guideline-b").Label);
    }

    [Fact]
    public void A_paper_is_cited_by_authors_and_journal_and_a_label_or_page_by_title_issuer_and_year()
    {
        var paper = new Source
        {
            Id = "p",
            Title = "Title",
            Authors = "Clark S, Tindall E.",
            Publication = "J Rheumatol 1985;12:980-983",
            Year = 1985,
            Kind = SourceKind.Trial,
            Pmid = null,
            Doi = null,
            Url = null,
            Label = "Clark 1985",
        };
        var label = new Source
        {
            Id = "l",
            Title = "Cymbalta US prescribing information",
            Authors = "US Food and Drug Administration (DailyMed)",
            Publication = "DailyMed",
            Year = 2023,
            Kind = SourceKind.Label,
            Pmid = null,
            Doi = null,
            Url = null,
            Label = "Duloxetine US label",
        };

        Assert.Equal("Clark S, Tindall E., J Rheumatol 1985;12:980-983", paper.Citation);
        Assert.Equal("Cymbalta US prescribing information (US Food and Drug Administration (DailyMed), 2023)", label.Citation);
    }

    [Fact]
    public void Findings_show_each_source_by_the_label_the_knowledge_gives_it()
    {
        var patient = new PatientBuilder()
            .WithMedication(Rx.Oxycodone, "oxycodone 5 MG")
            .WithMedication(Rx.Lorazepam, "lorazepam 0.5 MG");

        var findings = Assess(patient).Findings;

        var sources = findings.SelectMany(f => f.Sources).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Equal(TestKnowledge.Real.Sources[s.Id].Label, s.Label));
        Assert.Contains(sources, s => s.Label == "AGS Beers 2023");
    }
}
