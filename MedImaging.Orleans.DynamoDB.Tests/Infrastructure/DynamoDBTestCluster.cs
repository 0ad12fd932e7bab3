using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Microsoft.Extensions.Configuration;

namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

/// <summary>
/// A test cluster whose silos use our three providers and whose client finds gateways through our gateway list
/// provider (Orleans' in-memory test membership is off). Silos probe each other quickly so that a dead silo is
/// noticed within seconds.
/// </summary>
internal static class DynamoDBTestCluster
{
    /// <summary>Tables that already exist, to be used instead of created.</summary>
    public sealed record ExistingTables(string Membership, string GrainState, string Reminders);

    /// <summary>The silo TestCluster starts second; <see cref="Build"/> can route it through a proxy.</summary>
    public const string SecondSiloName = "Secondary_1";

    public static TestCluster Build(
        DynamoDbLocalFixture dynamo, short silos, string serviceId, string clusterId, string epoch = "", string? secondSiloServiceUrl = null,
        ExistingTables? tables = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = clusterId;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties["DynamoDB:ServiceUrl"] = dynamo.ServiceUrl;
        builder.Properties["DynamoDB:SecondSiloServiceUrl"] = secondSiloServiceUrl ?? "";
        builder.Properties["ReminderTest:Epoch"] = epoch;
        builder.Properties["DynamoDB:MembershipTable"] = tables?.Membership ?? "";
        builder.Properties["DynamoDB:GrainStateTable"] = tables?.GrainState ?? "";
        builder.Properties["DynamoDB:ReminderTable"] = tables?.Reminders ?? "";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        return builder.Build();
    }

    private static Action<DynamoDBOrleansOptions> Options(IConfiguration configuration) => options =>
    {
        options.ServiceUrl = IsSecondSiloRedirected(configuration)
            ? configuration["DynamoDB:SecondSiloServiceUrl"]
            : configuration["DynamoDB:ServiceUrl"];
        options.AccessKey = "local";
        options.SecretKey = "local";
        if (configuration["DynamoDB:MembershipTable"] is { Length: > 0 } membership)
        {
            // Tables someone else defined (the CDK stack): use them as they are, create nothing.
            options.CreateIfNotExists = false;
            options.MembershipTableName = membership;
            options.GrainStateTableName = configuration["DynamoDB:GrainStateTable"]!;
            options.ReminderTableName = configuration["DynamoDB:ReminderTable"]!;
        }
    };

    private static bool IsSecondSiloRedirected(IConfiguration configuration) =>
        configuration["Orleans:Name"] == SecondSiloName && !string.IsNullOrEmpty(configuration["DynamoDB:SecondSiloServiceUrl"]);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var options = Options(siloBuilder.Configuration);
            siloBuilder.Services.AddStudyGrainSerializers();
            siloBuilder
                .UseDynamoDBClustering(options)
                .AddDynamoDBGrainStorageAsDefault(options)
                .UseDynamoDBReminderService(options)
                .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1))
                .Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                    o.NumMissedProbesLimit = 2;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.Services.AddStudyGrainSerializers();
            clientBuilder.UseDynamoDBClustering(Options(configuration));
        }
    }
}
