using NodaTime;
using Relief.Core.Patients;

namespace Relief.Core.Tests.Patients;

/// <summary>
/// <see cref="PatientRecord.AgeOn"/> counts years by hand (no Period allocated per call); NodaTime's
/// <c>Period.Between(born, asOf, PeriodUnits.Years)</c> is the reference it must equal on every date, leap days included.
/// </summary>
public class PatientAgeTests
{
    private static PatientRecord BornOn(LocalDate? born) => new() { Id = "p", BirthDate = born };

    private static int Reference(LocalDate born, LocalDate asOf) => Period.Between(born, asOf, PeriodUnits.Years).Years;

    [Theory]
    [InlineData(2000, 2, 29)]
    [InlineData(2004, 2, 28)]
    [InlineData(2003, 3, 1)]
    [InlineData(1999, 12, 31)]
    [InlineData(2001, 1, 1)]
    [InlineData(2000, 6, 15)]
    public void Age_equals_NodaTime_period_in_years_on_every_day_of_eight_years(int year, int month, int day)
    {
        var born = new LocalDate(year, month, day);
        var record = BornOn(born);
        for (var asOf = born; asOf <= born.PlusYears(8); asOf = asOf.PlusDays(1))
        {
            Assert.Equal(Reference(born, asOf), record.AgeOn(asOf));
        }
    }

    [Fact]
    public void Someone_born_on_29_February_is_a_year_older_on_28_February_of_a_common_year()
    {
        var record = BornOn(new LocalDate(2000, 2, 29));

        Assert.Equal(0, record.AgeOn(new LocalDate(2001, 2, 27)));
        Assert.Equal(1, record.AgeOn(new LocalDate(2001, 2, 28)));
        Assert.Equal(3, record.AgeOn(new LocalDate(2004, 2, 28)));
        Assert.Equal(4, record.AgeOn(new LocalDate(2004, 2, 29)));
    }

    [Fact]
    public void Age_is_unknown_without_a_birth_date_or_before_birth()
    {
        Assert.Null(BornOn(null).AgeOn(new LocalDate(2026, 11, 21)));
        Assert.Null(BornOn(new LocalDate(2026, 11, 22)).AgeOn(new LocalDate(2026, 11, 21)));
        Assert.Equal(0, BornOn(new LocalDate(2026, 11, 21)).AgeOn(new LocalDate(2026, 11, 21)));
    }
}
