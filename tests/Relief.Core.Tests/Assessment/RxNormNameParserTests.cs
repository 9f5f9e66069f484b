using Relief.Core.Assessment;

namespace Relief.Core.Tests.Assessment;

public class RxNormNameParserTests
{
    [Theory]
    [InlineData("Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet", "acetaminophen,oxycodone")]
    [InlineData("Abuse-Deterrent 12 HR Oxycodone Hydrochloride 15 MG Extended Release Oral Tablet", "oxycodone")]
    [InlineData("Sertraline 100MG", "sertraline")]
    [InlineData("duloxetine 30 MG Delayed Release Oral Capsule", "duloxetine")]
    [InlineData("Acetaminophen 300 MG / HYDROcodone Bitartrate 5 MG [Vicodin]", "acetaminophen")]
    [InlineData("Lidocaine 50 MG/ML Medicated Patch [Lidoderm]", "lidocaine")]
    [InlineData("Paracetamol 500 MG Oral Tablet", "acetaminophen")]
    [InlineData("Simvistatin 10 MG", "")]
    [InlineData("[Lidoderm]", "lidocaine")]
    public void Ingredients_are_read_from_normalized_names(string name, string expected)
    {
        var drugs = RxNormNameParser.Parse(name, TestKnowledge.Mini);
        Assert.Equal(expected, string.Join(",", drugs.Select(d => d.Id)));
    }
}
