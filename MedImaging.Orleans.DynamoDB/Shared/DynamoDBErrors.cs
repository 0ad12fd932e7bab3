using Amazon.Runtime;
using Orleans.Runtime;

namespace MedImaging.Orleans.DynamoDB.Shared;

/// <summary>
/// Orleans serializes the exceptions a grain call ends with, and has no codec for the AWS SDK's: an SDK exception
/// (or one that holds it as its inner exception) would reach the caller as CodecNotFoundException. Failures that
/// can reach a grain's caller are rethrown as an OrleansException carrying the SDK's message; the SDK exception is
/// logged where it happens.
/// </summary>
internal static class DynamoDBErrors
{
    public static bool IsSdkException(Exception e) => e is AmazonServiceException or AmazonClientException;

    public static OrleansException Wrap(Exception sdkException, string what) =>
        new($"{what} failed: {sdkException.GetType().Name}: {sdkException.Message}");
}
