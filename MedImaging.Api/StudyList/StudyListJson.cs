using System.Text.Json.Serialization;

namespace MedImaging.Api.StudyList;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StudyListCursor))]
internal sealed partial class StudyListJson : JsonSerializerContext;
