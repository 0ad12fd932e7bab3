using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.DynamoDb;

/// <summary>
/// Reads the JSON 1.0 answers of the item operations into the SDK's response model, with a Utf8JsonReader over the
/// whole answer. Members the callers do not use (consumed capacity, metrics) are skipped.
/// </summary>
internal static class DynamoDbResponseReader
{
    public static GetItemResponse GetItem(byte[] json)
    {
        var response = new GetItemResponse();
        ReadObject(json, (ref Utf8JsonReader reader, string name) =>
        {
            if (name == "Item") response.Item = ReadMap(ref reader);
            else reader.Skip();
        });
        return response;
    }

    public static QueryResponse Query(byte[] json)
    {
        var response = new QueryResponse { Items = [] };
        ReadObject(json, (ref Utf8JsonReader reader, string name) =>
        {
            switch (name)
            {
                case "Items":
                    Expect(ref reader, JsonTokenType.StartArray);
                    while (Next(ref reader) != JsonTokenType.EndArray) response.Items.Add(ReadMapHere(ref reader));
                    break;
                case "LastEvaluatedKey": response.LastEvaluatedKey = ReadMap(ref reader); break;
                case "Count": response.Count = ReadInt(ref reader); break;
                case "ScannedCount": response.ScannedCount = ReadInt(ref reader); break;
                default: reader.Skip(); break;
            }
        });
        return response;
    }

    /// <summary>The error's type (the part after '#'), message and, for a cancelled transaction, its per-item reasons.</summary>
    public static DynamoDbError Error(byte[] json)
    {
        string? type = null, message = null;
        List<CancellationReason>? reasons = null;
        ReadObject(json, (ref Utf8JsonReader reader, string name) =>
        {
            switch (name)
            {
                case "__type": type = ReadString(ref reader); break;
                case "message" or "Message": message = ReadString(ref reader); break;
                case "CancellationReasons": reasons = ReadReasons(ref reader); break;
                default: reader.Skip(); break;
            }
        });
        var code = type is null ? null : type[(type.LastIndexOf('#') + 1)..];
        return new DynamoDbError(code, message, reasons);
    }

    private delegate void MemberReader(ref Utf8JsonReader reader, string name);

    private static void ReadObject(byte[] json, MemberReader member)
    {
        if (json.Length == 0) return;
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            member(ref reader, name);
        }
    }

    private static List<CancellationReason> ReadReasons(ref Utf8JsonReader reader)
    {
        var reasons = new List<CancellationReason>();
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            var reason = new CancellationReason();
            Expect(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                Next(ref reader);
                switch (name)
                {
                    case "Code": reason.Code = ReadString(ref reader); break;
                    case "Message": reason.Message = ReadString(ref reader); break;
                    case "Item": reason.Item = ReadMapHere(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            reasons.Add(reason);
        }
        return reasons;
    }

    private static Dictionary<string, AttributeValue>? ReadMap(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadMapHere(ref reader);

    private static Dictionary<string, AttributeValue> ReadMapHere(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            map[name] = ReadValue(ref reader);
        }
        return map;
    }

    private static AttributeValue ReadValue(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var value = new AttributeValue();
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var type = reader.GetString();
            Next(ref reader);
            switch (type)
            {
                case "S": value.S = ReadString(ref reader); break;
                case "N": value.N = ReadString(ref reader); break;
                case "BOOL": value.BOOL = reader.GetBoolean(); break;
                case "NULL": value.NULL = reader.GetBoolean(); break;
                case "B": value.B = new MemoryStream(reader.GetBytesFromBase64()); break;
                case "M": value.M = ReadMapHere(ref reader); break;
                case "L":
                    Expect(ref reader, JsonTokenType.StartArray);
                    value.L = [];
                    while (Next(ref reader) != JsonTokenType.EndArray) value.L.Add(ReadValue(ref reader));
                    break;
                case "SS": value.SS = ReadStrings(ref reader); break;
                case "NS": value.NS = ReadStrings(ref reader); break;
                case "BS":
                    Expect(ref reader, JsonTokenType.StartArray);
                    value.BS = [];
                    while (Next(ref reader) != JsonTokenType.EndArray) value.BS.Add(new MemoryStream(reader.GetBytesFromBase64()));
                    break;
                default: reader.Skip(); break;
            }
        }
        return value;
    }

    private static List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new List<string>();
        while (Next(ref reader) != JsonTokenType.EndArray) values.Add(ReadString(ref reader));
        return values;
    }

    private static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Malformed(reader, "a string");

    private static int ReadInt(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : throw Malformed(reader, "a number");

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("The DynamoDB answer ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType == JsonTokenType.None) Next(ref reader);
        if (reader.TokenType != expected) throw Malformed(reader, expected.ToString());
    }

    private static JsonException Malformed(Utf8JsonReader reader, string expected) =>
        new($"The DynamoDB answer has {reader.TokenType} where {expected} belongs, at byte {reader.TokenStartIndex}.");
}
