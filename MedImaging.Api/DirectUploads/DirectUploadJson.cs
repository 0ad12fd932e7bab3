using System.Text.Json;
using System.Text.Json.Serialization;
using MedImaging.Api.Uploads;

namespace MedImaging.Api.DirectUploads;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UploadManifest))]
[JsonSerializable(typeof(UploadAccepted))]
[JsonSerializable(typeof(CompleteUploadRequest))]
internal sealed partial class DirectUploadJson : JsonSerializerContext;
