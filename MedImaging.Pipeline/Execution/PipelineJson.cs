using System.Text.Json;
using System.Text.Json.Serialization;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Publishing;

namespace MedImaging.Pipeline.Execution;

/// <summary>JSON for everything the pipeline stores or publishes: camelCase, enums as strings.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InstanceProgress))]
[JsonSerializable(typeof(InstanceResult))]
[JsonSerializable(typeof(AnalysisResult))]
[JsonSerializable(typeof(StudyReport))]
[JsonSerializable(typeof(StudyCompletedNotification))]
public sealed partial class PipelineJson : JsonSerializerContext;
