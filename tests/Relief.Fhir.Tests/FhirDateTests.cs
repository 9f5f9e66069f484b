using NodaTime;
using Relief.Fhir.Tests.Support;

namespace Relief.Fhir.Tests;

public class FhirDateTests
{
    private static (LocalDate? Date, IReadOnlyList<string> Warnings) Recorded(string value)
    {
        var result = Bundles.ReadOk(Bundles.With($$"""{ "resourceType": "Condition", "id": "c1", {{Bundles.Subject}}, "code": { "text": "x" }, "recordedDate": "{{value}}" }"""));
        return (result.Record!.Conditions[0].Recorded, result.Warnings.Select(w => w.Message).ToList());
    }

    [Theory]
    [InlineData("2019", 2019, 1, 1)]
    [InlineData("2019-04", 2019, 4, 1)]
    [InlineData("2019-04-23", 2019, 4, 23)]
    public void Partial_date_stands_for_its_earliest_day(string value, int year, int month, int day)
    {
        var (date, warnings) = Recorded(value);
        Assert.Equal(new LocalDate(year, month, day), date);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("2019-04-23T23:30:00-05:00")]
    [InlineData("2019-04-23T00:15:00+14:00")]
    [InlineData("2019-04-23T16:00:00.000Z")]
    [InlineData("2019-04-23T16:00:00.123456Z")]
    public void Date_time_keeps_the_calendar_date_as_written(string value)
    {
        var (date, warnings) = Recorded(value);
        Assert.Equal(new LocalDate(2019, 4, 23), date);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Date_time_without_a_zone_is_read_with_a_warning()
    {
        var (date, warnings) = Recorded("2019-04-23T10:00:00");
        Assert.Equal(new LocalDate(2019, 4, 23), date);
        Assert.Equal("recordedDate \"2019-04-23T10:00:00\" has a time but no time zone (FHIR R4 requires one); read its date", Assert.Single(warnings));
    }

    [Theory]
    [InlineData("2019-02-29")]
    [InlineData("2019-13")]
    [InlineData("19-04-23")]
    [InlineData("0000")]
    [InlineData("2019-04-23T25:00:00Z")]
    [InlineData("2019-04T10:00:00Z")]
    [InlineData("23/04/2019")]
    [InlineData("")]
    public void Bad_date_is_null_with_a_warning(string value)
    {
        var (date, warnings) = Recorded(value);
        Assert.Null(date);
        Assert.Single(warnings);
    }

    [Fact]
    public void Leap_day_of_a_leap_year_is_a_date() => Assert.Equal(new LocalDate(2020, 2, 29), Recorded("2020-02-29").Date);

    [Fact]
    public void Birth_date_may_be_partial()
    {
        var result = Bundles.ReadOk(Bundles.Of("""{ "resourceType": "Patient", "id": "p", "birthDate": "1961-07" }"""));
        Assert.Equal(new LocalDate(1961, 7, 1), result.Record!.BirthDate);
    }

    [Fact]
    public void Birth_date_sent_as_a_date_time_is_read_with_a_warning()
    {
        var result = Bundles.ReadOk(Bundles.Of("""{ "resourceType": "Patient", "id": "p", "birthDate": "1960-08-06T19:06:11.677Z" }"""));
        Assert.Equal(new LocalDate(1960, 8, 6), result.Record!.BirthDate);
        Assert.Equal("birthDate should be a date (FHIR R4), found the dateTime \"1960-08-06T19:06:11.677Z\"; read its date", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void Date_that_is_not_a_string_is_null_with_a_warning()
    {
        var result = Bundles.ReadOk(Bundles.With($$"""{ "resourceType": "Procedure", "id": "pr", "status": "completed", {{Bundles.Subject}}, "performedDateTime": 20190423 }"""));
        Assert.Null(result.Record!.Procedures[0].Performed);
        Assert.Equal("performedDateTime should be a date string, found a number; ignored", Assert.Single(result.Warnings).Message);
    }
}
