using Orleans;

namespace MedImaging.Orleans.DynamoDB;

/// <summary>
/// Where the Orleans tables live and how they are created. One class serves the three providers (clustering,
/// grain storage, reminders); each reads its own table name. The defaults are the table names of Microsoft's
/// DynamoDB providers, so their packages can take over these tables.
/// </summary>
public sealed class DynamoDBOrleansOptions
{
    /// <summary>The options name the clustering provider (membership table and gateway list) reads.</summary>
    public const string ClusteringOptionsName = "DynamoDB.Clustering";

    /// <summary>The options name the reminder table reads. Grain storage reads the options named after the storage.</summary>
    public const string RemindersOptionsName = "DynamoDB.Reminders";

    public const string DefaultMembershipTableName = "OrleansSilos";
    public const string DefaultGrainStateTableName = "OrleansGrainState";
    public const string DefaultReminderTableName = "OrleansReminders";

    /// <summary>An endpoint such as DynamoDB Local's <c>http://127.0.0.1:8000</c>; empty means AWS's regional endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region (e.g. <c>eu-west-1</c>); with <see cref="ServiceUrl"/> it is only the signing region.</summary>
    public string? Region { get; set; }

    /// <summary>Explicit credentials. Without them AWS's default credential chain is used, or fixed
    /// placeholder credentials when <see cref="ServiceUrl"/> is set (emulators accept any).</summary>
    [Redact]
    public string? AccessKey { get; set; }

    [Redact]
    public string? SecretKey { get; set; }

    public string MembershipTableName { get; set; } = DefaultMembershipTableName;

    public string GrainStateTableName { get; set; } = DefaultGrainStateTableName;

    public string ReminderTableName { get; set; } = DefaultReminderTableName;

    /// <summary>Create missing tables at start-up (and wait until they are active).</summary>
    public bool CreateIfNotExists { get; set; } = true;

    /// <summary>Tables created here use provisioned capacity instead of on-demand (pay per request).</summary>
    public bool UseProvisionedThroughput { get; set; }

    public int ReadCapacityUnits { get; set; } = 10;

    public int WriteCapacityUnits { get; set; } = 5;

    /// <summary>Grain storage: clearing a grain's state deletes its item instead of keeping an empty one with its ETag.</summary>
    public bool DeleteStateOnClear { get; set; }
}
