using System.Text.Json;
using MedImaging.Studies;
using MedImaging.Pipeline.Execution;

namespace MedImaging.Api.Studies;

/// <summary>Reads the pipeline's JSON kept on an instance item (its Result and Progress), written by the study grain.</summary>
public static class StoredInstanceState
{
    /// <summary>The finished instance's PHI-free result, or null when it has none (yet) or it does not parse.</summary>
    public static InstanceResult? ResultOf(InstanceRecord instance) =>
        Parse(instance.Result, static json => JsonSerializer.Deserialize(json, PipelineJson.Default.InstanceResult));

    /// <summary>The working state, or null. Only the step and attempt are ever shown: it also holds source locations.</summary>
    public static InstanceProgress? ProgressOf(InstanceRecord instance) =>
        Parse(instance.Progress, static json => JsonSerializer.Deserialize(json, PipelineJson.Default.InstanceProgress));

    private static T? Parse<T>(string? json, Func<string, T?> deserialize) where T : class
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return deserialize(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
