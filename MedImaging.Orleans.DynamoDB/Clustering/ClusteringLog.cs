using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Clustering;

internal static partial class ClusteringLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB membership table {TableName} for cluster {ClusterId} initializing")]
    public static partial void Initializing(ILogger logger, string tableName, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version row of cluster {ClusterId}")]
    public static partial void CreatedVersionRow(ILogger logger, string clusterId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership read of cluster {ClusterId} saw a transaction half-applied; reading again (attempt {Attempt})")]
    public static partial void TornRead(ILogger logger, string clusterId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership {Operation} of {Silo} lost to a concurrent change; Orleans will retry")]
    public static partial void LostRace(ILogger logger, string operation, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo entries of cluster {ClusterId}")]
    public static partial void RemovedDefunct(ILogger logger, int count, string clusterId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ignoring unreadable silo item {SiloIdentity}")]
    public static partial void UnreadableSilo(ILogger logger, Exception exception, string? siloIdentity);

    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB gateway list provider reads table {TableName} for cluster {ClusterId}")]
    public static partial void GatewaysInitializing(ILogger logger, string tableName, string clusterId);
}
