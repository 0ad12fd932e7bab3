using MedImaging.Orleans.DynamoDB.Shared;
using Microsoft.Extensions.Configuration;

namespace MedImaging.Orleans.DynamoDB.Tests.Shared;

public sealed class DynamoDBOrleansConfigurationTests
{
    [Fact]
    public void Own_keys_bind_by_name()
    {
        var options = Apply(new()
        {
            ["ServiceUrl"] = "http://127.0.0.1:8000",
            ["Region"] = "eu-west-1",
            ["MembershipTableName"] = "Silos",
            ["UseProvisionedThroughput"] = "true",
            ["ReadCapacityUnits"] = "12",
            ["CreateIfNotExists"] = "false",
            ["DeleteStateOnClear"] = "true",
        });

        Assert.Equal("http://127.0.0.1:8000", options.ServiceUrl);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal("Silos", options.MembershipTableName);
        Assert.True(options.UseProvisionedThroughput);
        Assert.Equal(12, options.ReadCapacityUnits);
        Assert.False(options.CreateIfNotExists);
        Assert.True(options.DeleteStateOnClear);
    }

    [Fact]
    public void Microsofts_Service_key_is_a_url_or_a_region_and_TableName_is_this_providers_table()
    {
        var url = Apply(new() { ["Service"] = "https://dynamodb.example.test", ["TableName"] = "Mine" });
        var region = Apply(new() { ["Service"] = "ap-southeast-2" });

        Assert.Equal(("https://dynamodb.example.test", null), (url.ServiceUrl, url.Region));
        Assert.Equal("Mine", url.ReminderTableName);
        Assert.Equal(DynamoDBOrleansOptions.DefaultMembershipTableName, url.MembershipTableName);
        Assert.Equal((null, "ap-southeast-2"), (region.ServiceUrl, region.Region));
    }

    [Fact]
    public void ServiceKey_names_the_connection_string_that_holds_the_service_url()
    {
        var options = Apply(
            new() { ["ServiceKey"] = "dynamodb" },
            new() { ["ConnectionStrings:dynamodb"] = "http://127.0.0.1:4567" });

        Assert.Equal("http://127.0.0.1:4567", options.ServiceUrl);
    }

    [Fact]
    public void Without_keys_the_defaults_are_Microsofts_table_names_on_demand_and_created_if_missing()
    {
        var options = Apply([]);

        Assert.Equal(("OrleansSilos", "OrleansGrainState", "OrleansReminders"), (options.MembershipTableName, options.GrainStateTableName, options.ReminderTableName));
        Assert.False(options.UseProvisionedThroughput);
        Assert.True(options.CreateIfNotExists);
        Assert.Null(options.ServiceUrl);
    }

    private static DynamoDBOrleansOptions Apply(Dictionary<string, string?> section, Dictionary<string, string?>? root = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(section.ToDictionary(kv => $"Orleans:Reminders:{kv.Key}", kv => kv.Value))
            .AddInMemoryCollection(root ?? [])
            .Build();
        var options = new DynamoDBOrleansOptions();
        DynamoDBOrleansConfiguration.Apply(options, configuration.GetSection("Orleans:Reminders"), configuration, (o, table) => o.ReminderTableName = table);
        return options;
    }
}
