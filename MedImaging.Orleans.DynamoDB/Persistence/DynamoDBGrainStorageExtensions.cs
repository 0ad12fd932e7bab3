using MedImaging.Orleans.DynamoDB.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedImaging.Orleans.DynamoDB;

public static class DynamoDBGrainStorageExtensions
{
    /// <summary>Adds grain storage named <paramref name="name"/> on DynamoDB (table <see cref="DynamoDBOrleansOptions.GrainStateTableName"/>).</summary>
    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDBOrleansOptions> configure)
    {
        builder.Services.AddOptions<DynamoDBOrleansOptions>(name).Configure(configure);
        builder.Services.AddGrainStorage(name, Create);
        return builder;
    }

    /// <summary>Adds the default grain storage (the one grains use when they name none) on DynamoDB.</summary>
    public static ISiloBuilder AddDynamoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<DynamoDBOrleansOptions> configure) =>
        builder.AddDynamoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    // The state's bytes come from the serializer configured for this storage name, else the silo's default
    // (Orleans' binary serializer), as with Microsoft's provider, so both read the same items.
    private static DynamoDBGrainStorage Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<DynamoDBOrleansOptions>>().Get(name),
        services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
        services.GetKeyedService<IGrainStorageSerializer>(name) ?? services.GetRequiredService<IGrainStorageSerializer>(),
        services.GetRequiredService<IActivatorProvider>(),
        services.GetRequiredService<ILogger<DynamoDBGrainStorage>>());
}
