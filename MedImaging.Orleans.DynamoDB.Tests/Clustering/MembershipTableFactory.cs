using System.Net;
using MedImaging.Orleans.DynamoDB.Clustering;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Tests.Clustering;

internal static class MembershipTableFactory
{
    public static async Task<DynamoDBMembershipTable> CreateAsync(DynamoDbLocalFixture dynamo, string clusterId, bool initialize = true)
    {
        var table = new DynamoDBMembershipTable(
            new FixedOptionsMonitor<DynamoDBOrleansOptions>(dynamo.Options()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }),
            NullLogger<DynamoDBMembershipTable>.Instance);
        if (initialize)
            await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }

    public static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining, int proxyPort = 0, DateTime? iAmAlive = null)
    {
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 7),
            Status = status,
            ProxyPort = proxyPort,
            HostName = "host",
            SiloName = $"silo-{port}",
            StartTime = now,
            IAmAliveTime = iAmAlive ?? now,
        };
    }
}
