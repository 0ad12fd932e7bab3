using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Clustering;

/// <summary>The gateways a client may connect to: active silos of its cluster that accept clients.</summary>
internal sealed class DynamoDBGatewayListProvider : IGatewayListProvider, IDisposable
{
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDBOrleansOptions _options;
    private readonly string _clusterId;
    private readonly ILogger<DynamoDBGatewayListProvider> _logger;

    public DynamoDBGatewayListProvider(
        IOptionsMonitor<DynamoDBOrleansOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<GatewayOptions> gatewayOptions,
        ILogger<DynamoDBGatewayListProvider> logger)
    {
        _options = options.Get(DynamoDBOrleansOptions.ClusteringOptionsName);
        _clusterId = clusterOptions.Value.ClusterId;
        _logger = logger;
        MaxStaleness = gatewayOptions.Value.GatewayListRefreshPeriod;
        _client = DynamoDBClientFactory.Create(_options);
    }

    public TimeSpan MaxStaleness { get; }

    public bool IsUpdatable => true;

    // A client never creates the table: silos do.
    public Task InitializeGatewayListProvider()
    {
        ClusteringLog.GatewaysInitializing(_logger, _options.MembershipTableName, _clusterId);
        return Task.CompletedTask;
    }

    public async Task<IList<Uri>> GetGateways()
    {
        var items = await _client.QueryAllAsync(new QueryRequest
        {
            TableName = _options.MembershipTableName,
            KeyConditionExpression = "#cluster = :cluster",
            FilterExpression = "#status = :active AND #proxyPort > :zero",
            ExpressionAttributeNames = new()
            {
                ["#cluster"] = SiloTable.DeploymentId,
                ["#status"] = SiloTable.Status,
                ["#proxyPort"] = SiloTable.ProxyPort,
            },
            ExpressionAttributeValues = new()
            {
                [":cluster"] = DynamoDBItems.S(_clusterId),
                [":active"] = DynamoDBItems.N((int)SiloStatus.Active),
                [":zero"] = DynamoDBItems.N(0),
            },
        });
        return [.. items.Select(item => SiloAddress.New(
            IPAddress.Parse(item.GetString(SiloTable.Address)!),
            item.GetInt(SiloTable.ProxyPort),
            item.GetInt(SiloTable.Generation)).ToGatewayUri())];
    }

    public void Dispose() => _client.Dispose();
}
