using System.Diagnostics;
using MedImaging.ServiceDefaults;
using MedImaging.Studies;

namespace MedImaging.Tests.ServiceDefaults;

/// <summary>A study grain's id is its StudyInstanceUID: Orleans' grain-id tags leave a process as the study's log reference.</summary>
public sealed class GrainIdRedactionTests
{
    private const string Study = "2.25.134899623431820889591957761799300653684";

    [Fact]
    public void The_key_of_every_grain_id_tag_becomes_the_log_reference_and_other_tags_stay()
    {
        using var activity = new Activity("MedImaging.Studies.IStudyGrain/Receive");
        activity.SetTag("orleans.rpc.target_id", $"study/{Study}");
        activity.SetTag("orleans.rpc.source_id", $"instanceworker/{Study}/1.2.3");
        activity.SetTag("orleans.grain.id", Study);
        activity.SetTag("rpc.method", "Receive");

        new GrainIdRedaction().OnEnd(activity);

        Assert.Equal($"study/{StudyKeys.LogRef(Study)}", activity.GetTagItem("orleans.rpc.target_id"));
        Assert.Equal($"instanceworker/{StudyKeys.LogRef($"{Study}/1.2.3")}", activity.GetTagItem("orleans.rpc.source_id"));
        Assert.Equal(StudyKeys.LogRef(Study), activity.GetTagItem("orleans.grain.id"));
        Assert.Equal("Receive", activity.GetTagItem("rpc.method"));
        Assert.DoesNotContain(activity.TagObjects, t => t.Value is string text && text.Contains(Study, StringComparison.Ordinal));
    }
}
