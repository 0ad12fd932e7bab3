using MedImaging.Orleans.DynamoDB;
using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Configuration;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;

// Orleans:GrainStorage:{name}:ProviderType=DynamoDB, the name Microsoft's DynamoDB grain storage registers.
[assembly: RegisterProvider("DynamoDB", "GrainStorage", "Silo", typeof(DynamoDBGrainStorageProviderBuilder))]

namespace MedImaging.Orleans.DynamoDB;

internal sealed class DynamoDBGrainStorageProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.AddDynamoDBGrainStorage(
            name ?? ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            options => DynamoDBOrleansConfiguration.Apply(
                options, configurationSection, builder.Configuration, (o, table) => o.GrainStateTableName = table));
}
