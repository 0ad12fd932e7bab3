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

    [Fact]
    public void Log_text_keeps_its_words_and_loses_the_study_keys_of_grain_ids_and_object_keys()
    {
        var upload = "u" + new string('a', 32);
        var text = $"Error activating grain study/{Study} (instanceworker/{Study}/1.2.3); object incoming/{upload}/{upload} at https://s3/x";

        var redacted = GrainIdRedaction.RedactText(text);

        Assert.DoesNotContain(Study, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(upload, redacted, StringComparison.Ordinal);
        Assert.Contains($"study/{StudyKeys.LogRef(Study)}", redacted, StringComparison.Ordinal);
        Assert.StartsWith("Error activating grain study/", redacted, StringComparison.Ordinal);
        Assert.EndsWith("at https://s3/x", redacted, StringComparison.Ordinal);
        Assert.Equal("nothing to hide: 1/2 of 3", GrainIdRedaction.RedactText("nothing to hide: 1/2 of 3"));
    }
}
