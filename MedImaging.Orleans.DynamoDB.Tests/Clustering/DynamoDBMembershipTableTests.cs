using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Clustering;
using MedImaging.Orleans.DynamoDB.Tests.Infrastructure;
using Orleans;
using Orleans.Runtime;
using static MedImaging.Orleans.DynamoDB.Tests.Clustering.MembershipTableFactory;

namespace MedImaging.Orleans.DynamoDB.Tests.Clustering;

[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDBMembershipTableTests(DynamoDbLocalFixture dynamo)
{
    private readonly string _clusterId = Unique.Id("cluster");

    [Fact]
    public async Task A_new_table_has_version_zero_and_no_silos()
    {
        var table = await CreateAsync(dynamo, _clusterId);

        var data = await table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(new TableVersion(0, "0"), data.Version);
    }

    [Fact]
    public async Task InsertRow_adds_the_silo_and_moves_the_table_version_on()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        var version = (await table.ReadAll()).Version;

        Assert.True(await table.InsertRow(Entry(11111), version.Next()));

        var data = await table.ReadAll();
        var (entry, etag) = Assert.Single(data.Members);
        Assert.Equal(Entry(11111).SiloAddress, entry.SiloAddress);
        Assert.Equal(SiloStatus.Joining, entry.Status);
        Assert.Equal("silo-11111", entry.SiloName);
        Assert.Equal("0", etag);
        Assert.Equal(new TableVersion(1, "1"), data.Version);
    }

    [Fact]
    public async Task InsertRow_with_a_table_version_another_silo_already_used_is_refused()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        var read = (await table.ReadAll()).Version;

        Assert.True(await table.InsertRow(Entry(11111), read.Next()));
        Assert.False(await table.InsertRow(Entry(22222), read.Next()));

        var data = await table.ReadAll();
        Assert.Equal(Entry(11111).SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task InsertRow_of_a_silo_already_in_the_table_is_refused()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        Assert.True(await table.InsertRow(Entry(11111), (await table.ReadAll()).Version.Next()));

        var version = (await table.ReadAll()).Version;

        Assert.False(await table.InsertRow(Entry(11111, SiloStatus.Active), version.Next()));
        Assert.Equal(version, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task UpdateRow_with_the_row_etag_another_writer_already_used_is_refused()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        Assert.True(await table.InsertRow(Entry(11111), (await table.ReadAll()).Version.Next()));
        var (_, staleEtag) = (await table.ReadAll()).Members.Single();

        Assert.True(await table.UpdateRow(Entry(11111, SiloStatus.Active), staleEtag, (await table.ReadAll()).Version.Next()));
        Assert.False(await table.UpdateRow(Entry(11111, SiloStatus.Dead), staleEtag, (await table.ReadAll()).Version.Next()));

        var (entry, etag) = (await table.ReadAll()).Members.Single();
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal("1", etag);
    }

    [Fact]
    public async Task UpdateRow_with_a_stale_table_version_is_refused_even_with_the_right_row_etag()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        Assert.True(await table.InsertRow(Entry(11111), (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(Entry(22222), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();

        Assert.True(await table.UpdateRow(Entry(11111, SiloStatus.Active), EtagOf(read, 11111), read.Version.Next()));
        Assert.False(await table.UpdateRow(Entry(22222, SiloStatus.Active), EtagOf(read, 22222), read.Version.Next()));

        var after = await table.ReadAll();
        Assert.Equal(SiloStatus.Joining, after.TryGet(Entry(22222).SiloAddress)!.Item1.Status);
        Assert.Equal(3, after.Version.Version);
    }

    [Fact]
    public async Task Concurrent_inserts_from_one_table_version_let_exactly_one_silo_join()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        var read = (await table.ReadAll()).Version;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => table.InsertRow(Entry(20000 + i), read.Next())));

        Assert.Single(results, joined => joined);
        var data = await table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_row_from_one_etag_let_exactly_one_writer_win()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();
        var etag = EtagOf(read, 11111);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
        {
            var suspected = Entry(11111, SiloStatus.Active);
            suspected.AddSuspector(SiloAddress.New(System.Net.IPAddress.Loopback, 30000 + i, 1), DateTime.UtcNow);
            return table.UpdateRow(suspected, etag, read.Version.Next());
        }));

        Assert.Single(results, won => won);
        var (entry, rowEtag) = (await table.ReadAll()).Members.Single();
        Assert.Single(entry.SuspectTimes!);
        Assert.Equal("1", rowEtag);
    }

    [Fact]
    public async Task Suspicions_are_kept_and_an_update_without_them_clears_them()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        var suspector = SiloAddress.New(System.Net.IPAddress.Loopback, 22222, 3);
        var when = new DateTime(2026, 12, 7, 10, 11, 12, 345, DateTimeKind.Utc);
        var suspected = Entry(11111, SiloStatus.Active);
        suspected.AddSuspector(suspector, when);
        var read = await table.ReadAll();
        Assert.True(await table.UpdateRow(suspected, EtagOf(read, 11111), read.Version.Next()));

        var (entry, _) = (await table.ReadAll()).Members.Single();
        var (silo, time) = Assert.Single(entry.SuspectTimes!);
        Assert.Equal(suspector, silo);
        Assert.Equal(when, time);

        read = await table.ReadAll();
        Assert.True(await table.UpdateRow(Entry(11111, SiloStatus.Active), EtagOf(read, 11111), read.Version.Next()));
        Assert.Empty((await table.ReadAll()).Members.Single().Item1.SuspectTimes ?? []);
    }

    [Fact]
    public async Task ReadRow_returns_the_silo_with_its_etag_and_the_table_version()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        Assert.True(await table.InsertRow(Entry(11111), (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(Entry(22222), (await table.ReadAll()).Version.Next()));

        var row = await table.ReadRow(Entry(22222).SiloAddress);

        var (entry, etag) = Assert.Single(row.Members);
        Assert.Equal(Entry(22222).SiloAddress, entry.SiloAddress);
        Assert.Equal("0", etag);
        Assert.Equal(new TableVersion(2, "2"), row.Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_changes_the_alive_time_but_neither_etag_nor_version()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Active), (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();
        var alive = Entry(11111, SiloStatus.Active);
        alive.IAmAliveTime = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

        await table.UpdateIAmAlive(alive);

        var after = await table.ReadAll();
        var (entry, etag) = after.Members.Single();
        Assert.Equal(alive.IAmAliveTime, entry.IAmAliveTime);
        Assert.Equal(EtagOf(before, 11111), etag);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_removes_silos_that_are_not_active_and_silent_since_the_date()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        var old = DateTime.UtcNow.AddHours(-2);
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Dead, iAmAlive: old), (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(Entry(22222, SiloStatus.Active, iAmAlive: old), (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(Entry(33333, SiloStatus.Dead), (await table.ReadAll()).Version.Next()));

        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddHours(-1));

        var data = await table.ReadAll();
        Assert.Equal([22222, 33333], data.Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order());
        Assert.Equal(3, data.Version.Version);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_removes_that_cluster_only()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        var other = await CreateAsync(dynamo, Unique.Id("other"));
        Assert.True(await table.InsertRow(Entry(11111), (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(Entry(11111), (await other.ReadAll()).Version.Next()));

        await table.DeleteMembershipTableEntries(_clusterId);

        Assert.Empty(await ItemsOfCluster(_clusterId));
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task Items_have_the_attributes_of_Microsofts_DynamoDB_membership_table()
    {
        var table = await CreateAsync(dynamo, _clusterId);
        var entry = Entry(11111, SiloStatus.Active, proxyPort: 30000);
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));

        var items = (await ItemsOfCluster(_clusterId)).ToDictionary(i => i["SiloIdentity"].S);

        Assert.Equal(["127.0.0.1-11111-7", "VersionRow"], items.Keys.Order());
        var silo = items["127.0.0.1-11111-7"];
        Assert.Equal(_clusterId, silo["DeploymentId"].S);
        Assert.Equal("127.0.0.1", silo["Address"].S);
        Assert.Equal("11111", silo["Port"].N);
        Assert.Equal("7", silo["Generation"].N);
        Assert.Equal(((int)SiloStatus.Active).ToString(), silo["SiloStatus"].N);
        Assert.Equal("30000", silo["ProxyPort"].N);
        Assert.Equal(LogFormatter.PrintDate(entry.IAmAliveTime), silo["IAmAliveTime"].S);
        Assert.Equal("0", silo["ETag"].N);
        Assert.Equal("1", silo["MembershipVersion"].N);
        Assert.Equal("1", items["VersionRow"]["MembershipVersion"].N);
        Assert.Equal("1", items["VersionRow"]["ETag"].N);
    }

    private static string EtagOf(MembershipTableData data, int port) =>
        data.Members.Single(m => m.Item1.SiloAddress.Endpoint.Port == port).Item2;

    private async Task<List<Dictionary<string, AttributeValue>>> ItemsOfCluster(string clusterId) =>
        (await dynamo.Client.QueryAsync(new QueryRequest
        {
            TableName = DynamoDBOrleansOptions.DefaultMembershipTableName,
            ConsistentRead = true,
            KeyConditionExpression = "DeploymentId = :c",
            ExpressionAttributeValues = new() { [":c"] = new AttributeValue { S = clusterId } },
        })).Items ?? [];
}
