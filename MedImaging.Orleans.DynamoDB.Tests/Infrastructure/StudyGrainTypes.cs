using MedImaging.Studies;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

/// <summary>
/// The stack's projects (referenced for its table definitions) bring the study grain's interface into this test
/// assembly, and Orleans refuses to start while a referenced grain interface's records have no serializer: a cluster
/// here gets the one the MedImaging services use.
/// </summary>
internal static class StudyGrainTypes
{
    public static IServiceCollection AddStudyGrainSerializers(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddStudyRecords());
}
