using MedImaging.Orleans.DynamoDB.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;

namespace MedImaging.Orleans.DynamoDB;

public static class DynamoDBReminderExtensions
{
    /// <summary>Adds the reminder service with its reminders in DynamoDB (table <see cref="DynamoDBOrleansOptions.ReminderTableName"/>).</summary>
    public static ISiloBuilder UseDynamoDBReminderService(this ISiloBuilder builder, Action<DynamoDBOrleansOptions> configure)
    {
        builder.AddReminders();
        builder.Services.AddOptions<DynamoDBOrleansOptions>(DynamoDBOrleansOptions.RemindersOptionsName).Configure(configure);
        builder.Services.AddSingleton<IReminderTable, DynamoDBReminderTable>();
        return builder;
    }
}
