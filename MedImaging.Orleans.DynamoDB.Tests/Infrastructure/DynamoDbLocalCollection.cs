namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

/// <summary>Every test class shares one DynamoDB Local; xunit runs the classes of one collection one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbLocalCollection : ICollectionFixture<DynamoDbLocalFixture>
{
    public const string Name = "DynamoDB Local";
}
