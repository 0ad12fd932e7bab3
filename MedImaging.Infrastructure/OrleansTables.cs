using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using DynamoAttribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace MedImaging.Infrastructure;

/// <summary>
/// The Orleans cluster's tables: membership, grain state and reminders, with the key schemas of Microsoft's DynamoDB
/// providers (MedImaging.Orleans.DynamoDB uses the same, see its README), so either provider runs on them.
/// </summary>
public sealed class OrleansTables : Construct
{
    public OrleansTables(Construct scope, string id, string prefix) : base(scope, id)
    {
        Membership = OnDemand("Membership", $"{prefix}-orleans-silos", Text("DeploymentId"), Text("SiloIdentity"));
        GrainState = OnDemand("GrainState", $"{prefix}-orleans-grain-state", Text("GrainReference"), Text("GrainType"));
        Reminders = OnDemand("Reminders", $"{prefix}-orleans-reminders", Text("ReminderId"), Number("GrainHash"));
        foreach (var (index, rangeKey) in new[] { ("ServiceIdIndex", Number("GrainHash")), ("ServiceIdGrainReferenceIndex", Text("GrainReference")) })
        {
            Reminders.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index,
                PartitionKey = Text("ServiceId"),
                SortKey = rangeKey,
                ProjectionType = ProjectionType.ALL,
            });
        }
    }

    public Table Membership { get; }

    public Table GrainState { get; }

    public Table Reminders { get; }

    private Table OnDemand(string id, string name, DynamoAttribute partitionKey, DynamoAttribute sortKey) => new(this, id, new TableProps
    {
        TableName = name,
        PartitionKey = partitionKey,
        SortKey = sortKey,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        // Membership and reminders are rebuilt by a new cluster; grain state is study state's companion: keep it.
        RemovalPolicy = id == "GrainState" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    private static DynamoAttribute Text(string name) => new() { Name = name, Type = AttributeType.STRING };

    private static DynamoAttribute Number(string name) => new() { Name = name, Type = AttributeType.NUMBER };
}
