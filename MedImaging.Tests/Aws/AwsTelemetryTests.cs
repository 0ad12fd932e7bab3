using MedImaging.Tests.TestHosting;
using System.Diagnostics.Metrics;
using Amazon.DynamoDBv2.Model;
using MedImaging.Aws;
using MedImaging.Aws.Configuration;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Aws;

/// <summary>The request counter: every call of our own clients and of the SDK clients it wraps, by service and operation.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class AwsTelemetryTests(AwsEmulatorFixture fixture)
{
    [Fact]
    public async Task Calls_of_counted_sdk_clients_are_counted_by_service_and_operation()
    {
        var counted = new List<(string Service, string Operation, long Count)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: AwsTelemetry.ActivitySourceName, Name: AwsTelemetry.RequestsInstrumentName }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? service = null, operation = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "rpc.service") service = tag.Value as string;
                if (tag.Key == "rpc.method") operation = tag.Value as string;
            }
            lock (counted) counted.Add((service!, operation!, value));
        });
        listener.Start();

        using var sqs = AwsTelemetry.CountRequests(AwsSdkClients.CreateSqs(fixture.AwsOptions), "SQS");
        var queueUrl = await sqs.CreateQueueUrlAsync(AwsEmulatorFixture.UniqueName("counted"));
        await sqs.AttributesAsync(queueUrl);
        await sqs.AttributesAsync(queueUrl);
        using var dynamo = AwsTelemetry.CountRequests(AwsSdkClients.CreateDynamoDb(fixture.AwsOptions), "DynamoDB");
        await dynamo.ListTablesAsync(new ListTablesRequest { Limit = 1 });

        long Count(string service, string operation)
        {
            lock (counted) return counted.Where(c => c.Service == service && c.Operation == operation).Sum(c => c.Count);
        }
        Assert.True(Count("SQS", "GetQueueAttributes") >= 2);
        Assert.True(Count("SQS", "CreateQueue") >= 1);
        Assert.True(Count("DynamoDB", "ListTables") >= 1);
    }
}
