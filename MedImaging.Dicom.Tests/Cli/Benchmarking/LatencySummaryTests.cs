using MedImaging.Cli.Benchmarking;

namespace MedImaging.Dicom.Tests.Cli.Benchmarking;

public class LatencySummaryTests
{
    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var summary = LatencySummary.Of(Enumerable.Range(1, 200).Select(i => (double)(201 - i)));

        Assert.Equal(200, summary.Count);
        Assert.Equal(100, summary.P50);
        Assert.Equal(198, summary.P99);
        Assert.Equal(200, summary.Max);
    }

    [Fact]
    public void One_value_is_every_percentile_and_none_is_not_a_number()
    {
        Assert.Equal(new LatencySummary(1, 7, 7, 7), LatencySummary.Of([7]));
        Assert.True(double.IsNaN(LatencySummary.Of([]).P50));
    }
}
