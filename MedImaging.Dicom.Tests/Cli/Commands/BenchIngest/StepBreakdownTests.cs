using MedImaging.Cli.Commands.BenchIngest;

namespace MedImaging.Dicom.Tests.Cli.Commands.BenchIngest;

public class StepBreakdownTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Splits_a_study_timeline_into_queue_wait_steps_and_completion()
    {
        var steps = new[]
        {
            new StepState("validate", 1, T0.AddMilliseconds(40), T0.AddMilliseconds(50), "succeeded"),
            new StepState("render", 1, T0.AddMilliseconds(50), T0.AddMilliseconds(80), "failed"),
            new StepState("render", 2, T0.AddMilliseconds(90), T0.AddMilliseconds(100), "succeeded"),
        };
        var study = new StudyState("completed", T0.AddMilliseconds(130), [new InstanceState("1.2.3", "done", T0, steps)], []);

        var parts = StepBreakdown.Of([study]).ToDictionary(p => p.Part, p => p.Summary);

        Assert.Equal(["received -> first step", "step validate", "step render", "step render (retry)", "last step -> completed"], parts.Keys);
        Assert.Equal(40, parts["received -> first step"].P50);
        Assert.Equal(10, parts["step validate"].P50);
        Assert.Equal(30, parts["step render"].P50);
        Assert.Equal(10, parts["step render (retry)"].P50);
        Assert.Equal(30, parts["last step -> completed"].P50);
    }

    [Fact]
    public void A_study_without_finished_steps_adds_nothing()
    {
        var study = new StudyState("completed", T0, [new InstanceState("1.2.3", "done", T0, [])], null);
        Assert.Empty(StepBreakdown.Of([study]));
    }
}
