using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;
using Orleans;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Clustering;

/// <summary>Converts a membership entry to and from its item, in the attribute formats Microsoft's provider uses.</summary>
internal static class SiloItem
{
    public static string Identity(SiloAddress silo) =>
        string.Create(CultureInfo.InvariantCulture, $"{silo.Endpoint.Address}-{silo.Endpoint.Port}-{silo.Generation}");

    public static Dictionary<string, AttributeValue> Key(string clusterId, string siloIdentity) => new()
    {
        [SiloTable.DeploymentId] = DynamoDBItems.S(clusterId),
        [SiloTable.SiloIdentity] = DynamoDBItems.S(siloIdentity),
    };

    public static Dictionary<string, AttributeValue> ToItem(string clusterId, MembershipEntry entry, int membershipVersion, int etag)
    {
        var item = Key(clusterId, Identity(entry.SiloAddress));
        item[SiloTable.Address] = DynamoDBItems.S(entry.SiloAddress.Endpoint.Address.ToString());
        item[SiloTable.Port] = DynamoDBItems.N(entry.SiloAddress.Endpoint.Port);
        item[SiloTable.Generation] = DynamoDBItems.N(entry.SiloAddress.Generation);
        item[SiloTable.Status] = DynamoDBItems.N((int)entry.Status);
        item[SiloTable.ProxyPort] = DynamoDBItems.N(entry.ProxyPort);
        item[SiloTable.StartTime] = DynamoDBItems.S(LogFormatter.PrintDate(entry.StartTime));
        item[SiloTable.IAmAliveTime] = DynamoDBItems.S(LogFormatter.PrintDate(entry.IAmAliveTime));
        item[SiloTable.MembershipVersion] = DynamoDBItems.N(membershipVersion);
        item[SiloTable.ETag] = DynamoDBItems.N(etag);
        AddIfPresent(item, SiloTable.HostName, entry.HostName);
        AddIfPresent(item, SiloTable.SiloName, entry.SiloName);
        if (entry.SuspectTimes is { Count: > 0 } suspicions)
        {
            item[SiloTable.SuspectingSilos] = DynamoDBItems.S(string.Join('|', suspicions.Select(s => s.Item1.ToParsableString())));
            item[SiloTable.SuspectingTimes] = DynamoDBItems.S(string.Join('|', suspicions.Select(s => LogFormatter.PrintDate(s.Item2))));
        }

        return item;
    }

    public static Tuple<MembershipEntry, string> ToEntry(Dictionary<string, AttributeValue> item)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(
                IPAddress.Parse(item.GetString(SiloTable.Address) ?? throw Missing(item, SiloTable.Address)),
                item.GetInt(SiloTable.Port),
                item.GetInt(SiloTable.Generation)),
            Status = (SiloStatus)item.GetInt(SiloTable.Status),
            ProxyPort = item.GetInt(SiloTable.ProxyPort),
            HostName = item.GetString(SiloTable.HostName) ?? "",
            SiloName = item.GetString(SiloTable.SiloName) ?? "",
            StartTime = ParseDate(item.GetString(SiloTable.StartTime)),
            IAmAliveTime = ParseDate(item.GetString(SiloTable.IAmAliveTime)),
        };

        var silos = Split(item.GetString(SiloTable.SuspectingSilos));
        var times = Split(item.GetString(SiloTable.SuspectingTimes));
        if (silos.Length != times.Length)
            throw new FormatException($"Silo item {item.GetString(SiloTable.SiloIdentity)} has {silos.Length} suspecting silos but {times.Length} suspecting times.");
        for (var i = 0; i < silos.Length; i++)
            entry.AddSuspector(SiloAddress.FromParsableString(silos[i]), LogFormatter.ParseDate(times[i]));

        return Tuple.Create(entry, item.GetLong(SiloTable.ETag).ToString(CultureInfo.InvariantCulture));
    }

    public static bool IsVersionRow(Dictionary<string, AttributeValue> item) =>
        item.GetString(SiloTable.SiloIdentity) == SiloTable.VersionRowKey;

    public static DateTime ParseDate(string? text) => string.IsNullOrEmpty(text) ? default : LogFormatter.ParseDate(text);

    private static string[] Split(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split('|');

    private static void AddIfPresent(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            item[name] = DynamoDBItems.S(value);
    }

    private static FormatException Missing(Dictionary<string, AttributeValue> item, string attribute) =>
        new($"Silo item {item.GetString(SiloTable.SiloIdentity)} has no {attribute}.");
}
