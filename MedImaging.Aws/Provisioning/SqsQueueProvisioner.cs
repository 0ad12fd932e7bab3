using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace MedImaging.Aws.Provisioning;

/// <summary>AWS::SQS::Queue: FIFO, deduplication, visibility, retention and the redrive policy to a dead-letter queue.</summary>
public sealed class SqsQueueProvisioner(IAmazonSQS sqs) : IResourceProvisioner
{
    public string ResourceType => "AWS::SQS::Queue";

    public async Task<ProvisionedResource> ProvisionAsync(string logicalId, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = properties["QueueName"]?.GetValue<string>()
            ?? throw new NotSupportedException($"queue {logicalId} needs an explicit QueueName to be provisioned locally");
        var outcome = ProvisioningOutcome.Existing;
        string queueUrl;
        try
        {
            queueUrl = (await sqs.GetQueueUrlAsync(name, cancellationToken)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            queueUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = Attributes(properties) }, cancellationToken)).QueueUrl;
            outcome = ProvisioningOutcome.Created;
        }
        var arn = (await sqs.GetQueueAttributesAsync(queueUrl, [QueueAttributeName.QueueArn], cancellationToken)).QueueARN;
        return new ProvisionedResource(logicalId, ResourceType, outcome, queueUrl, new Dictionary<string, string>
        {
            ["Arn"] = arn,
            ["QueueName"] = name,
            ["QueueUrl"] = queueUrl,
        });
    }

    private static Dictionary<string, string> Attributes(JsonObject properties)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Bool(properties["FifoQueue"])) attributes[QueueAttributeName.FifoQueue] = "true";
        if (Bool(properties["ContentBasedDeduplication"])) attributes[QueueAttributeName.ContentBasedDeduplication] = "true";
        if (Int(properties["VisibilityTimeout"]) is { } visibility) attributes[QueueAttributeName.VisibilityTimeout] = Text(visibility);
        if (Int(properties["MessageRetentionPeriod"]) is { } retention) attributes[QueueAttributeName.MessageRetentionPeriod] = Text(retention);
        if (properties["RedrivePolicy"] is JsonObject redrive)
        {
            attributes[QueueAttributeName.RedrivePolicy] = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["deadLetterTargetArn"] = redrive["deadLetterTargetArn"]!.GetValue<string>(),
                ["maxReceiveCount"] = Text(Int(redrive["maxReceiveCount"]) ?? 5),
            });
        }
        return attributes;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    // CloudFormation accepts booleans and numbers either as JSON values or as strings.
    private static bool Bool(JsonNode? node) => node is not null && bool.Parse(node.ToString());

    private static int? Int(JsonNode? node) => node is null ? null : int.Parse(node.ToString(), CultureInfo.InvariantCulture);
}
