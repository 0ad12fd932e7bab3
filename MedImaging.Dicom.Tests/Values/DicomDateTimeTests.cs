using MedImaging.Dicom.Values;

namespace MedImaging.Dicom.Tests.Values;

public class DicomDateTimeTests
{
    [Theory]
    [InlineData("20240229", 2024, 2, 29)]
    [InlineData("202402", 2024, 2, null)]
    [InlineData("2024", 2024, null, null)]
    [InlineData("1999.12.31", 1999, 12, 31)]
    public void Dates_parse_with_partial_precision(string text, int year, int? month, int? day) =>
        Assert.Equal(new DicomDate(year, month, day), DicomDate.Parse(text));

    [Theory]
    [InlineData("20230229")]
    [InlineData("20241301")]
    [InlineData("2024010")]
    [InlineData("abcdefgh")]
    [InlineData("")]
    public void Invalid_dates_are_rejected(string text) => Assert.False(DicomDate.TryParse(text, out _));

    [Fact]
    public void Times_parse_with_fractions_and_partial_values()
    {
        Assert.Equal(new TimeOnly(14, 30, 5).Add(TimeSpan.FromMilliseconds(123)), DicomTime.Parse("143005.123").ToTimeOnly());
        Assert.Equal(new DicomTime(14, null, null, null), DicomTime.Parse("14"));
        Assert.Equal(new TimeOnly(7, 5), DicomTime.Parse("0705").ToTimeOnly());
        Assert.Equal(new TimeOnly(7, 5, 1), DicomTime.Parse("07:05:01").ToTimeOnly());
        Assert.False(DicomTime.TryParse("2500", out _));
    }

    [Fact]
    public void Date_times_carry_their_offset()
    {
        var value = DicomDateTime.Parse("20240102030405.5+0130");
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.FromMinutes(90)), value.ToDateTimeOffset());
        var partial = DicomDateTime.Parse("202401");
        Assert.Null(partial.Time);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), partial.ToDateTimeOffset());
        Assert.Equal(new DateTime(2024, 1, 2, 1, 34, 5, 500), value.ToDateTime());
        Assert.False(DicomDateTime.TryParse("2024010203+99", out _));
    }

    [Fact]
    public void Dataset_values_convert_to_dotnet_date_types()
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTag.StudyDate, "20240229");
        dataset.AddOrUpdate(DicomTag.StudyTime, "101010");
        dataset.AddOrUpdate(DicomTag.AcquisitionDateTime, "20240229101010");
        Assert.Equal(new DateOnly(2024, 2, 29), dataset.GetValue<DateOnly>(DicomTag.StudyDate));
        Assert.Equal(new TimeOnly(10, 10, 10), dataset.GetValue<TimeOnly>(DicomTag.StudyTime));
        Assert.Equal(new DateTime(2024, 2, 29, 10, 10, 10), dataset.GetValue<DateTime>(DicomTag.AcquisitionDateTime));
        Assert.Equal(new DateTime(2024, 2, 29), dataset.GetValue<DateTime>(DicomTag.StudyDate));
    }
}
