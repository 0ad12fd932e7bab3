using System.Globalization;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;
using Orleans;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Reminders;

/// <summary>Converts a reminder entry to and from its item.</summary>
internal static class ReminderItem
{
    public static string ReminderId(string serviceId, GrainId grainId, string reminderName) => $"{serviceId}_{grainId}_{reminderName}";

    public static Dictionary<string, AttributeValue> Key(string serviceId, GrainId grainId, string reminderName) => new()
    {
        [ReminderTable.ReminderId] = DynamoDBItems.S(ReminderId(serviceId, grainId, reminderName)),
        [ReminderTable.GrainHash] = DynamoDBItems.N(grainId.GetUniformHashCode()),
    };

    public static Dictionary<string, AttributeValue> ToItem(string serviceId, ReminderEntry entry, string etag)
    {
        var item = Key(serviceId, entry.GrainId, entry.ReminderName);
        item[ReminderTable.ServiceId] = DynamoDBItems.S(serviceId);
        item[ReminderTable.GrainReference] = DynamoDBItems.S(entry.GrainId.ToString());
        item[ReminderTable.ReminderName] = DynamoDBItems.S(entry.ReminderName);
        // Round-trip format: exact and UTC, and still readable by a plain DateTime.Parse (Microsoft's reader).
        item[ReminderTable.StartTime] = DynamoDBItems.S(entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        item[ReminderTable.Period] = DynamoDBItems.S(entry.Period.ToString("c", CultureInfo.InvariantCulture));
        item[ReminderTable.ETag] = DynamoDBItems.N(etag);
        return item;
    }

    public static ReminderEntry ToEntry(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item.GetString(ReminderTable.GrainReference)!),
        ReminderName = item.GetString(ReminderTable.ReminderName)!,
        StartAt = DateTime.Parse(
            item.GetString(ReminderTable.StartTime)!,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        Period = TimeSpan.Parse(item.GetString(ReminderTable.Period)!, CultureInfo.InvariantCulture),
        ETag = item.GetLong(ReminderTable.ETag).ToString(CultureInfo.InvariantCulture),
    };
}
