using System.Buffers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.Dynamo;

/// <summary>
/// Converts a JSON object to a DynamoDB attribute map and back the way the SDK's Document model does with its V2
/// conversion (string S, number N, true/false BOOL, null NULL, array L, object M), so items written before and after
/// are alike, but in one pass over the UTF-8 JSON instead of through a Document tree.
/// </summary>
internal static class AttributeMapJson
{
    /// <exception cref="JsonException">The JSON is not an object.</exception>
    public static Dictionary<string, AttributeValue> ToAttributeMap(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An item's JSON must be an object.");
        return ReadMap(ref reader);
    }

    /// <exception cref="ArgumentException">An attribute value with no type set.</exception>
    public static byte[] ToJson(IEnumerable<KeyValuePair<string, AttributeValue>> attributes)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static Dictionary<string, AttributeValue> ReadMap(ref Utf8JsonReader reader)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = ReadValue(ref reader);
        }
        return map;
    }

    private static AttributeValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return new AttributeValue(reader.GetString());
            case JsonTokenType.Number: return new AttributeValue { N = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True: return new AttributeValue { BOOL = true };
            case JsonTokenType.False: return new AttributeValue { BOOL = false };
            case JsonTokenType.Null: return new AttributeValue { NULL = true };
            case JsonTokenType.StartObject: return new AttributeValue { M = ReadMap(ref reader) };
            case JsonTokenType.StartArray:
                var list = new List<AttributeValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(ReadValue(ref reader));
                return new AttributeValue { L = list };
            default: throw new JsonException($"Unexpected {reader.TokenType} in an item's JSON.");
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.S is { } s) writer.WriteStringValue(s);
        else if (value.N is { } n) writer.WriteRawValue(n);
        else if (value.BOOL is { } flag) writer.WriteBooleanValue(flag);
        else if (value.NULL is true) writer.WriteNullValue();
        else if (value.M is { } map)
        {
            writer.WriteStartObject();
            foreach (var (name, inner) in map)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, inner);
            }
            writer.WriteEndObject();
        }
        else if (value.L is { } list)
        {
            writer.WriteStartArray();
            foreach (var inner in list) WriteValue(writer, inner);
            writer.WriteEndArray();
        }
        else if (value.SS is { } strings)
        {
            writer.WriteStartArray();
            foreach (var inner in strings) writer.WriteStringValue(inner);
            writer.WriteEndArray();
        }
        else if (value.NS is { } numbers)
        {
            writer.WriteStartArray();
            foreach (var inner in numbers) writer.WriteRawValue(inner);
            writer.WriteEndArray();
        }
        else throw new ArgumentException("An attribute value of a type items never hold (binary) or with no type set.", nameof(value));
    }
}
