using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>Reads an item from DynamoDB's wire JSON ({"name": {"S": ...}}), as a Scan answer or a console export shows it.</summary>
internal static class DynamoWireJson
{
    public static Dictionary<string, AttributeValue> ReadItem(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadMap(document.RootElement);
    }

    private static Dictionary<string, AttributeValue> ReadMap(JsonElement map) =>
        map.EnumerateObject().ToDictionary(a => a.Name, a => ReadValue(a.Value), StringComparer.Ordinal);

    private static AttributeValue ReadValue(JsonElement typed)
    {
        var value = typed.EnumerateObject().Single();
        return value.Name switch
        {
            "S" => new AttributeValue(value.Value.GetString()),
            "N" => new AttributeValue { N = value.Value.GetString() },
            "B" => new AttributeValue { B = new MemoryStream(value.Value.GetBytesFromBase64()) },
            "BOOL" => new AttributeValue { BOOL = value.Value.GetBoolean() },
            "NULL" => new AttributeValue { NULL = true },
            "M" => new AttributeValue { M = ReadMap(value.Value) },
            "L" => new AttributeValue { L = value.Value.EnumerateArray().Select(ReadValue).ToList() },
            _ => throw new JsonException($"Attribute type {value.Name} is not read here."),
        };
    }
}
