using System.Globalization;
using System.Text.Json.Nodes;
using MedImaging.Aws.Sqs;

namespace MedImaging.Aws.Provisioning;

/// <summary>AWS::SQS::Queue: FIFO, deduplication, visibility, retention and the redrive policy to a dead-letter queue.</summary>
public sealed class SqsQueueProvisioner(SqsClient sqs) : IResourceProvisioner
{
    public string ResourceType => "AWS::SQS::Queue";

    public async Task<ProvisionedResource> ProvisionAsync(string logicalId, JsonObject properties, CancellationToken cancellationToken)
    {
        var fifo = Bool(properties["FifoQueue"]);
        var name = properties["QueueName"]?.GetValue<string>()
            ?? throw new NotSupportedException($"queue {logicalId} needs an explicit QueueName to be provisioned locally");
        var outcome = ProvisioningOutcome.Existing;
        string queueUrl;
        try
        {
            queueUrl = await sqs.GetQueueUrlAsync(name, cancellationToken);
        }
        catch (SqsQueueDoesNotExistException)
        {
            queueUrl = await sqs.CreateQueueAsync(new CreateQueueRequest(name)
            {
                Fifo = fifo,
                ContentBasedDeduplication = Bool(properties["ContentBasedDeduplication"]),
                VisibilityTimeoutSeconds = Int(properties["VisibilityTimeout"]),
                MessageRetentionPeriodSeconds = Int(properties["MessageRetentionPeriod"]),
                RedrivePolicy = properties["RedrivePolicy"] is JsonObject redrive
                    ? new SqsRedrivePolicy(redrive["deadLetterTargetArn"]!.GetValue<string>(), Int(redrive["maxReceiveCount"]) ?? 5)
                    : null,
            }, cancellationToken);
            outcome = ProvisioningOutcome.Created;
        }
        var arn = (await sqs.GetQueueAttributesAsync(queueUrl, [SqsQueueAttributes.QueueArn], cancellationToken))[SqsQueueAttributes.QueueArn];
        return new ProvisionedResource(logicalId, ResourceType, outcome, queueUrl, new Dictionary<string, string>
        {
            ["Arn"] = arn,
            ["QueueName"] = name,
            ["QueueUrl"] = queueUrl,
        });
    }

    // CloudFormation accepts booleans and numbers either as JSON values or as strings.
    private static bool Bool(JsonNode? node) => node is not null && bool.Parse(node.ToString());

    private static int? Int(JsonNode? node) => node is null ? null : int.Parse(node.ToString(), CultureInfo.InvariantCulture);
}
