using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedImaging.Cli.Commands.BenchFloor;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class FloorJson : JsonSerializerContext;
