using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.Provisioning;

/// <summary>AWS::DynamoDB::Table: keys, attribute definitions, global secondary indexes, billing mode, TTL
/// and point-in-time recovery (where the target supports it).</summary>
public sealed class DynamoDbTableProvisioner(IAmazonDynamoDB dynamoDb) : IResourceProvisioner
{
    public string ResourceType => "AWS::DynamoDB::Table";

    public async Task<ProvisionedResource> ProvisionAsync(string logicalId, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = properties["TableName"]?.GetValue<string>()
            ?? throw new NotSupportedException($"table {logicalId} needs an explicit TableName to be provisioned locally");
        var outcome = ProvisioningOutcome.Existing;
        var description = await DescribeAsync(name, cancellationToken);
        if (description is null)
        {
            try
            {
                description = (await dynamoDb.CreateTableAsync(ToCreateRequest(name, properties), cancellationToken)).TableDescription;
                outcome = ProvisioningOutcome.Created;
            }
            catch (ResourceInUseException)
            {
                description = await DescribeAsync(name, cancellationToken);
            }
        }
        var notes = new List<string>();
        await EnsureTimeToLiveAsync(name, properties, cancellationToken);
        if (outcome == ProvisioningOutcome.Created && properties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]?.GetValue<bool>() == true)
        {
            try
            {
                await dynamoDb.UpdateContinuousBackupsAsync(new UpdateContinuousBackupsRequest
                {
                    TableName = name,
                    PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = true },
                }, cancellationToken);
            }
            catch (AmazonDynamoDBException error)
            {
                notes.Add($"point-in-time recovery not available here ({error.ErrorCode})");
            }
        }
        return new ProvisionedResource(logicalId, ResourceType, outcome, name, new Dictionary<string, string>
        {
            ["Arn"] = description?.TableArn ?? "",
        })
        { Note = notes.Count > 0 ? string.Join("; ", notes) : null };
    }

    private async Task<TableDescription?> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await dynamoDb.DescribeTableAsync(name, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task EnsureTimeToLiveAsync(string name, JsonObject properties, CancellationToken cancellationToken)
    {
        if (properties["TimeToLiveSpecification"] is not JsonObject ttl || ttl["Enabled"]?.GetValue<bool>() != true)
        {
            return;
        }
        var attribute = ttl["AttributeName"]!.GetValue<string>();
        var current = (await dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = name }, cancellationToken))
            .TimeToLiveDescription;
        if (current?.AttributeName == attribute && current.TimeToLiveStatus == TimeToLiveStatus.ENABLED)
        {
            return;
        }
        await dynamoDb.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = name,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
        }, cancellationToken);
    }

    private static CreateTableRequest ToCreateRequest(string name, JsonObject properties)
    {
        var onDemand = properties["BillingMode"]?.GetValue<string>() == "PAY_PER_REQUEST";
        var request = new CreateTableRequest
        {
            TableName = name,
            AttributeDefinitions = [.. Objects(properties["AttributeDefinitions"]).Select(a =>
                new AttributeDefinition(a["AttributeName"]!.GetValue<string>(), new ScalarAttributeType(a["AttributeType"]!.GetValue<string>())))],
            KeySchema = KeySchema(properties["KeySchema"]),
            BillingMode = onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
        };
        if (!onDemand)
        {
            request.ProvisionedThroughput = Throughput(properties["ProvisionedThroughput"]);
        }
        var indexes = Objects(properties["GlobalSecondaryIndexes"]).Select(index => new GlobalSecondaryIndex
        {
            IndexName = index["IndexName"]!.GetValue<string>(),
            KeySchema = KeySchema(index["KeySchema"]),
            Projection = new Projection
            {
                ProjectionType = new ProjectionType(index["Projection"]?["ProjectionType"]?.GetValue<string>() ?? "ALL"),
                NonKeyAttributes = index["Projection"]?["NonKeyAttributes"] is JsonArray nonKey ? [.. nonKey.Select(n => n!.GetValue<string>())] : null,
            },
            ProvisionedThroughput = onDemand ? null : Throughput(index["ProvisionedThroughput"]),
        }).ToList();
        if (indexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = indexes;
        }
        return request;
    }

    private static List<KeySchemaElement> KeySchema(JsonNode? node) =>
        [.. Objects(node).Select(k => new KeySchemaElement(k["AttributeName"]!.GetValue<string>(), new KeyType(k["KeyType"]!.GetValue<string>())))];

    private static ProvisionedThroughput Throughput(JsonNode? node) => new(
        node?["ReadCapacityUnits"]?.GetValue<long>() ?? 5,
        node?["WriteCapacityUnits"]?.GetValue<long>() ?? 5);

    private static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n!.AsObject()) : [];
}
