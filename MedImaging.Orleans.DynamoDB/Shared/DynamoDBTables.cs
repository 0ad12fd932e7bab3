using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace MedImaging.Orleans.DynamoDB.Shared;

/// <summary>Creates a provider's table when it is missing and the options allow it, then waits until it is active.</summary>
internal static partial class DynamoDBTables
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task EnsureAsync(
        IAmazonDynamoDB client, DynamoDBOrleansOptions options, CreateTableRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        var status = await DescribeAsync(client, request.TableName, cancellationToken);
        if (status is null)
        {
            if (!options.CreateIfNotExists)
                throw new InvalidOperationException(
                    $"DynamoDB table '{request.TableName}' does not exist and CreateIfNotExists is false: create it (see the provider's schema) or allow creation.");
            ApplyBilling(options, request);
            try
            {
                await client.CreateTableAsync(request, cancellationToken);
                LogCreatingTable(logger, request.TableName);
            }
            catch (ResourceInUseException)
            {
                // Another silo created it first.
            }
        }

        while (status != TableStatus.ACTIVE)
        {
            await Task.Delay(PollInterval, cancellationToken);
            status = await DescribeAsync(client, request.TableName, cancellationToken);
        }
    }

    private static void ApplyBilling(DynamoDBOrleansOptions options, CreateTableRequest request)
    {
        if (!options.UseProvisionedThroughput)
        {
            request.BillingMode = BillingMode.PAY_PER_REQUEST;
            return;
        }

        request.BillingMode = BillingMode.PROVISIONED;
        request.ProvisionedThroughput = new ProvisionedThroughput(options.ReadCapacityUnits, options.WriteCapacityUnits);
        foreach (var index in request.GlobalSecondaryIndexes ?? [])
            index.ProvisionedThroughput = new ProvisionedThroughput(options.ReadCapacityUnits, options.WriteCapacityUnits);
    }

    private static async Task<TableStatus?> DescribeAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.DescribeTableAsync(tableName, cancellationToken);
            return response.Table?.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating DynamoDB table {TableName}")]
    private static partial void LogCreatingTable(ILogger logger, string tableName);
}
