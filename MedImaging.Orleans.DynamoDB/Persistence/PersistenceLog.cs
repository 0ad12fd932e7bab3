using Microsoft.Extensions.Logging;

namespace MedImaging.Orleans.DynamoDB.Persistence;

internal static partial class PersistenceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB grain storage {Name} initializing on table {TableName}")]
    public static partial void Initializing(ILogger logger, string name, string tableName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain state {StateName} of {GrainReference} changed since it was read: stored ETag {StoredETag}, grain's ETag {CurrentETag}")]
    public static partial void Conflict(ILogger logger, string stateName, string grainReference, string? storedETag, string? currentETag);

    [LoggerMessage(Level = LogLevel.Error, Message = "DynamoDB grain storage could not {Operation} the state {StateName} of {GrainReference} in table {TableName}")]
    public static partial void Failed(ILogger logger, Exception exception, string operation, string stateName, string grainReference, string tableName);
}
