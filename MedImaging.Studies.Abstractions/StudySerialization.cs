using Orleans.Serialization;

namespace MedImaging.Studies;

/// <summary>
/// Our records cross grain calls as JSON (System.Text.Json), on the silos and on the Api's client alike: they are plain
/// records shared with the study table and the Api's answers, so they carry no Orleans serialization attributes.
/// </summary>
public static class StudySerialization
{
    public static ISerializerBuilder AddStudyRecords(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(isSupported: type => type.Namespace?.StartsWith("MedImaging.", StringComparison.Ordinal) == true);
}
