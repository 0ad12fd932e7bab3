using Microsoft.Extensions.Logging;

namespace MedImaging.Orleans.DynamoDB.Reminders;

internal static partial class RemindersLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB reminder table {TableName} for service {ServiceId} initializing")]
    public static partial void Initializing(ILogger logger, string tableName, string serviceId);
}
