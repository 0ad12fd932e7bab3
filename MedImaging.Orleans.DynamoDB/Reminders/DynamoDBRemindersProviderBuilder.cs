using MedImaging.Orleans.DynamoDB;
using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Configuration;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;

// Orleans:Reminders:ProviderType=DynamoDB, the name Microsoft's DynamoDB reminder provider registers.
[assembly: RegisterProvider("DynamoDB", "Reminders", "Silo", typeof(DynamoDBRemindersProviderBuilder))]
// A client reads the same configuration (one environment for a silo and its clients) but keeps no reminders.
[assembly: RegisterProvider("DynamoDB", "Reminders", "Client", typeof(DynamoDBRemindersProviderBuilder))]

namespace MedImaging.Orleans.DynamoDB;

internal sealed class DynamoDBRemindersProviderBuilder : IProviderBuilder<ISiloBuilder>, IProviderBuilder<IClientBuilder>
{
    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection)
    {
    }

    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseDynamoDBReminderService(options => DynamoDBOrleansConfiguration.Apply(
            options, configurationSection, builder.Configuration, (o, table) => o.ReminderTableName = table));
}
