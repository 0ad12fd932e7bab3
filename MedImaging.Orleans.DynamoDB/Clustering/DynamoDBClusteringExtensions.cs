using MedImaging.Orleans.DynamoDB.Clustering;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;

namespace MedImaging.Orleans.DynamoDB;

public static class DynamoDBClusteringExtensions
{
    /// <summary>Keeps the silo's cluster membership in DynamoDB (table <see cref="DynamoDBOrleansOptions.MembershipTableName"/>).</summary>
    public static ISiloBuilder UseDynamoDBClustering(this ISiloBuilder builder, Action<DynamoDBOrleansOptions> configure)
    {
        builder.Services.AddOptions<DynamoDBOrleansOptions>(DynamoDBOrleansOptions.ClusteringOptionsName).Configure(configure);
        builder.Services.AddSingleton<IMembershipTable, DynamoDBMembershipTable>();
        return builder;
    }

    /// <summary>Finds the cluster's gateways in the DynamoDB membership table.</summary>
    public static IClientBuilder UseDynamoDBClustering(this IClientBuilder builder, Action<DynamoDBOrleansOptions> configure)
    {
        builder.Services.AddOptions<DynamoDBOrleansOptions>(DynamoDBOrleansOptions.ClusteringOptionsName).Configure(configure);
        builder.Services.AddSingleton<IGatewayListProvider, DynamoDBGatewayListProvider>();
        return builder;
    }
}
