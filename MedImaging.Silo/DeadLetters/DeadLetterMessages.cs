using System.Text.Json;
using MedImaging.Studies;

namespace MedImaging.Silo.DeadLetters;

/// <summary>
/// What the dead-letter queue holds: a failed instance as its <see cref="InstanceReceived"/> JSON with the reason as a
/// message attribute, or an ingest event that no silo could handle (moved there by the ingest queue's redrive policy).
/// </summary>
public static class DeadLetterMessages
{
    public const string ReasonAttribute = "reason";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(InstanceReceived instance) => JsonSerializer.Serialize<StudyMessage>(instance, Json);

    /// <summary>The failed instance the body stands for; null for anything else (an ingest event).</summary>
    public static InstanceReceived? TryReadInstance(string body)
    {
        if (!body.Contains("\"type\":\"InstanceReceived\"", StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<StudyMessage>(body, Json) as InstanceReceived;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
