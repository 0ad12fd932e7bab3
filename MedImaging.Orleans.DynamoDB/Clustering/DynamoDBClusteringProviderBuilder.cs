using MedImaging.Orleans.DynamoDB;
using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Configuration;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;

// "DynamoDB" is the name Microsoft's DynamoDB clustering provider registers: Orleans:Clustering:ProviderType=DynamoDB.
[assembly: RegisterProvider("DynamoDB", "Clustering", "Silo", typeof(DynamoDBClusteringProviderBuilder))]
[assembly: RegisterProvider("DynamoDB", "Clustering", "Client", typeof(DynamoDBClusteringProviderBuilder))]

namespace MedImaging.Orleans.DynamoDB;

internal sealed class DynamoDBClusteringProviderBuilder : IProviderBuilder<ISiloBuilder>, IProviderBuilder<IClientBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseDynamoDBClustering(options => Apply(options, configurationSection, builder.Configuration));

    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseDynamoDBClustering(options => Apply(options, configurationSection, builder.Configuration));

    private static void Apply(DynamoDBOrleansOptions options, IConfigurationSection section, IConfiguration root) =>
        DynamoDBOrleansConfiguration.Apply(options, section, root, (o, table) => o.MembershipTableName = table);
}
