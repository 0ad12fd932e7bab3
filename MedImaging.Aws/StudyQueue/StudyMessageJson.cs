using System.Text.Json;
using MedImaging.Aws.Studies;

namespace MedImaging.Aws.StudyQueue;

/// <summary>The wire form of study messages: camelCase JSON with a "type" discriminator.</summary>
public static class StudyMessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(StudyMessage message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Null when the body is not a study message we know.</summary>
    public static StudyMessage? TryDeserialize(string body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<StudyMessage>(body, Options);
            return message is not null && StudyKeys.IsValid(message.StudyKey) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null; // unknown or missing type discriminator
        }
    }
}
