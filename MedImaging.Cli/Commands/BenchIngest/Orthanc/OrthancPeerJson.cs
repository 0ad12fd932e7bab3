using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedImaging.Cli.Commands.BenchIngest.Orthanc;

/// <summary>The one-line result the namespaced peer process hands back to `bench ingest`.</summary>
internal static class OrthancPeerJson
{
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Serialize(OrthancStoreResult result) => JsonSerializer.Serialize(result, Options);

    public static OrthancStoreResult? Deserialize(string json) => JsonSerializer.Deserialize<OrthancStoreResult>(json, Options);
}
