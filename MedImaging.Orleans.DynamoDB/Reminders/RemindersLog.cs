using Microsoft.Extensions.Logging;

namespace MedImaging.Orleans.DynamoDB.Reminders;

internal static partial class RemindersLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB reminder table {TableName} for service {ServiceId} initializing")]
    public static partial void Initializing(ILogger logger, string tableName, string serviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "DynamoDB reminder table {TableName}: {What} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string what, string tableName);
}
