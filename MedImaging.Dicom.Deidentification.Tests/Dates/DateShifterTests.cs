using System.Globalization;
using System.Text;
using MedImaging.Dicom.Deidentification.Dates;

namespace MedImaging.Dicom.Deidentification.Tests.Dates;

public class DateShifterTests
{
    private static readonly DateShifter Shifter = new(-100);

    [Fact]
    public void Offset_matches_an_independent_hmac_computation()
    {
        // python3: d = hmac.new(b'test-secret', b'date-shift:PAT-001', sha256).digest()
        //          -(365 + int.from_bytes(d[:4], 'big') % 3286), int.from_bytes(d[4:8], 'big') % 1440
        var shifter = DateShifter.ForPatient(Encoding.UTF8.GetBytes("test-secret"), "PAT-001");
        Assert.Equal(-2965, shifter.OffsetDays);
        Assert.Equal(1147, shifter.OffsetMinutes);
    }

    [Fact]
    public void Offsets_are_per_patient_and_in_range()
    {
        var secret = Encoding.UTF8.GetBytes("s");
        var offsets = Enumerable.Range(0, 200).Select(i => DateShifter.ForPatient(secret, $"P{i}").OffsetDays).ToList();
        Assert.All(offsets, o => Assert.InRange(o, -DateShifter.MaximumOffsetDays, -DateShifter.MinimumOffsetDays));
        Assert.True(offsets.Distinct().Count() > 150);
        Assert.Equal(offsets[7], DateShifter.ForPatient(secret, "P7").OffsetDays);
    }

    [Theory]
    [InlineData("20200310", "20191201")]
    [InlineData("20200310 ", "20191201")]
    [InlineData("2020.03.10", "20191201")]
    [InlineData("20200310\\20200311", "20191201\\20191202")]
    [InlineData("20200101-20200310", "20190923-20191201")]
    [InlineData("-20200310", "-20191201")]
    [InlineData("", "")]
    public void Dates_move_by_the_offset(string value, string expected)
    {
        Assert.Equal(expected, Shifter.ShiftDate(value));
    }

    [Fact]
    public void Intervals_between_dates_stay_exact_across_leap_years_and_month_ends()
    {
        var shifter = new DateShifter(-1234);
        var start = new DateOnly(1999, 12, 31);
        for (var i = 0; i < 3000; i += 37)
        {
            var a = start.AddDays(i);
            var b = start.AddDays(i * 3 + 1);
            var shiftedA = DateOnly.ParseExact(shifter.ShiftDate(a.ToString("yyyyMMdd", CultureInfo.InvariantCulture))!, "yyyyMMdd", CultureInfo.InvariantCulture);
            var shiftedB = DateOnly.ParseExact(shifter.ShiftDate(b.ToString("yyyyMMdd", CultureInfo.InvariantCulture))!, "yyyyMMdd", CultureInfo.InvariantCulture);
            Assert.Equal(b.DayNumber - a.DayNumber, shiftedB.DayNumber - shiftedA.DayNumber);
            Assert.Equal(-1234, shiftedA.DayNumber - a.DayNumber);
        }
    }

    [Theory]
    [InlineData("20200310101112.123456", "20191201101112.123456")]
    [InlineData("20200310101112-0500", "20191201101112-0500")]
    [InlineData("20200310+0100", "20191201+0100")]
    [InlineData("2020031010", "2019120110")]
    [InlineData("202003", "201911")]
    [InlineData("2020", "2019")]
    public void Datetimes_keep_time_offset_and_precision(string value, string expected)
    {
        Assert.Equal(expected, Shifter.ShiftDateTime(value));
    }

    [Theory]
    [InlineData("101112.123", "101112.123")]
    [InlineData("1011", "1011")]
    [InlineData("10:11:12", "101112")]
    public void Times_do_not_move_when_the_offset_has_no_minutes(string value, string expected)
    {
        Assert.Equal(expected, Shifter.ShiftTime(value));
    }

    private static readonly DateShifter WithMinutes = new(-100, 150);

    [Theory]
    [InlineData("101112.123", "124112.123")]
    [InlineData("1011", "1241")]
    [InlineData("10", "1230")]
    [InlineData("2300", "0130")]
    [InlineData("0800\\2330", "1030\\0200")]
    [InlineData("0800-0900", "1030-1130")]
    public void Times_without_a_date_move_by_the_minutes_modulo_a_day(string value, string expected)
    {
        Assert.Equal(expected, WithMinutes.ShiftTime(value));
    }

    [Theory]
    [InlineData("20200310", "101112", "20191201", "124112")]
    [InlineData("20200310", "2300", "20191202", "0130")]
    [InlineData("20200310\\20200311", "2300\\0100", "20191202\\20191202", "0130\\0330")]
    [InlineData("20200310", "1011\\1012", "20191201", "1241\\1242")]
    public void A_date_and_its_time_move_together_across_midnight(string date, string time, string expectedDate, string expectedTime)
    {
        Assert.Equal((expectedDate, expectedTime), WithMinutes.ShiftDateAndTime(date, time));
    }

    [Theory]
    [InlineData("20200310101112.123456", "20191201124112.123456")]
    [InlineData("20200310233000-0500", "20191202020000-0500")]
    [InlineData("2020031010", "201912011230")]
    [InlineData("20200310", "20191201")]
    [InlineData("202003", "201911")]
    public void Datetimes_move_by_the_whole_offset(string value, string expected)
    {
        Assert.Equal(expected, WithMinutes.ShiftDateTime(value));
    }

    [Fact]
    public void Intervals_between_date_time_pairs_and_datetimes_stay_exact()
    {
        var shifter = new DateShifter(-777, 1234);
        var start = new DateTime(2019, 12, 31, 22, 17, 0);
        for (var i = 0; i < 400; i++)
        {
            var a = start.AddMinutes(i * 517);
            var b = start.AddMinutes(i * 1931 + 11);
            var (dateA, timeA) = shifter.ShiftDateAndTime(a.ToString("yyyyMMdd", CultureInfo.InvariantCulture), a.ToString("HHmmss", CultureInfo.InvariantCulture));
            var shiftedB = shifter.ShiftDateTime(b.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
            var movedA = DateTime.ParseExact(dateA + timeA, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var movedB = DateTime.ParseExact(shiftedB!, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            Assert.Equal(b - a, movedB - movedA);
            Assert.Equal(TimeSpan.FromDays(-777) + TimeSpan.FromMinutes(1234), movedA - a);
        }
    }

    [Theory]
    [InlineData("20201345")]
    [InlineData("yesterday")]
    [InlineData("2020031")]
    [InlineData("20200230")]
    public void Unparseable_dates_return_null_so_the_caller_empties_them(string value)
    {
        Assert.Null(Shifter.ShiftDate(value));
        Assert.Null(Shifter.ShiftDateTime(value + "1200"));
    }

    [Fact]
    public void Unparseable_times_return_null()
    {
        Assert.Null(Shifter.ShiftTime("25h"));
        Assert.Null(Shifter.ShiftTime("2500"));
        Assert.Null(Shifter.ShiftTime("1011.5"));
    }
}
