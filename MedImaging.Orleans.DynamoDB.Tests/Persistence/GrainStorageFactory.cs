using MedImaging.Orleans.DynamoDB.Persistence;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedImaging.Orleans.DynamoDB.Tests.Persistence;

/// <summary>A grain storage built by hand, with Orleans' binary serializer (the silo default), as a silo would build it.</summary>
internal static class GrainStorageFactory
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public static async Task<DynamoDBGrainStorage> CreateAsync(
        DynamoDbLocalFixture dynamo, string serviceId, Action<DynamoDBOrleansOptions>? configure = null, bool initialize = true)
    {
        var storage = new DynamoDBGrainStorage(
            "test",
            dynamo.Options(configure),
            serviceId,
            new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()),
            Services.GetRequiredService<IActivatorProvider>(),
            NullLogger<DynamoDBGrainStorage>.Instance);
        if (initialize)
        {
            var lifecycle = new SiloLifecycleStub();
            storage.Participate(lifecycle);
            await lifecycle.StartAsync();
        }

        return storage;
    }

    public static GrainId Grain(string key) => GrainId.Create("counter", key);

    public static GrainState<T> Empty<T>() where T : new() => new(new T());

    public static GrainState<T> Copy<T>(IGrainState<T> state) => new(state.State, state.ETag) { RecordExists = state.RecordExists };
}
