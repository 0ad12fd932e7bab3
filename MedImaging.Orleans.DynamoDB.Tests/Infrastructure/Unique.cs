namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

internal static class Unique
{
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
