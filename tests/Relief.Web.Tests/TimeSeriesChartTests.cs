using System.Text.Json;
using NodaTime;
using Relief.Reports.Timeline;

namespace Relief.Web.Tests;

/// <summary>The chart data the pages hand to uPlot: in date order, days with nothing recorded as empty values.</summary>
public sealed class TimeSeriesChartTests
{
    private static readonly LocalDate Monday = new(2026, 11, 2);

    [Fact]
    public void A_day_with_nothing_recorded_is_an_empty_value_between_its_neighbours()
    {
        var chart = new TimeSeriesChart("c", "Exertion", "score", [new(Monday, 4, ""), new(Monday.PlusDays(2), 6, "")], [])
        {
            Gaps = [Monday.PlusDays(1)],
        };

        using var json = JsonDocument.Parse(chart.ToJson());
        var x = json.RootElement.GetProperty("x").EnumerateArray().Select(v => v.GetInt64()).ToList();
        var y = json.RootElement.GetProperty("y").EnumerateArray().ToList();

        Assert.Equal(3, x.Count);
        Assert.True(x[0] < x[1] && x[1] < x[2]);
        Assert.Equal(86_400, x[1] - x[0]);
        Assert.Equal(4m, y[0].GetDecimal());
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(6m, y[2].GetDecimal());
    }

    [Fact]
    public void Without_gaps_only_the_recorded_values_are_drawn()
    {
        var chart = new TimeSeriesChart("c", "Pain", "score", [new(Monday, 4, ""), new(Monday.PlusDays(5), 6, "")], []);

        using var json = JsonDocument.Parse(chart.ToJson());

        Assert.Equal([4m, 6m], json.RootElement.GetProperty("y").EnumerateArray().Select(v => v.GetDecimal()));
    }
}
