using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.DynamoDb;

/// <summary>
/// The JSON 1.0 bodies of the item operations <see cref="DynamoDbClient"/> makes, written straight from the SDK's
/// request model with a Utf8JsonWriter: only the members those operations use are written, and an unset member is
/// left out, as the SDK leaves it out.
/// </summary>
internal static class DynamoDbRequestWriter
{
    public static byte[] PutItem(PutItemRequest request) => Write(request, static (w, r) =>
    {
        w.WriteString("TableName", r.TableName);
        WriteItem(w, "Item", r.Item);
        WriteCondition(w, r.ConditionExpression, r.ExpressionAttributeNames, r.ExpressionAttributeValues);
    });

    /// <exception cref="NotSupportedException">A transaction item other than a Put.</exception>
    public static byte[] TransactWriteItems(TransactWriteItemsRequest request, string clientRequestToken) => Write((request, clientRequestToken), static (w, r) =>
    {
        w.WriteStartArray("TransactItems");
        foreach (var item in r.request.TransactItems ?? [])
        {
            var put = item.Put ?? throw new NotSupportedException("Only Put transaction items are supported.");
            w.WriteStartObject();
            w.WriteStartObject("Put");
            w.WriteString("TableName", put.TableName);
            WriteItem(w, "Item", put.Item);
            WriteCondition(w, put.ConditionExpression, put.ExpressionAttributeNames, put.ExpressionAttributeValues);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("ClientRequestToken", r.clientRequestToken);
    });

    public static byte[] GetItem(GetItemRequest request) => Write(request, static (w, r) =>
    {
        w.WriteString("TableName", r.TableName);
        WriteItem(w, "Key", r.Key);
        if (r.ConsistentRead is { } consistent) w.WriteBoolean("ConsistentRead", consistent);
        if (r.ProjectionExpression is { } projection) w.WriteString("ProjectionExpression", projection);
        WriteNames(w, r.ExpressionAttributeNames);
    });

    public static byte[] Query(QueryRequest request) => Write(request, static (w, r) =>
    {
        w.WriteString("TableName", r.TableName);
        if (r.IndexName is { } index) w.WriteString("IndexName", index);
        if (r.ConsistentRead is { } consistent) w.WriteBoolean("ConsistentRead", consistent);
        if (r.KeyConditionExpression is { } keyCondition) w.WriteString("KeyConditionExpression", keyCondition);
        if (r.FilterExpression is { } filter) w.WriteString("FilterExpression", filter);
        if (r.ProjectionExpression is { } projection) w.WriteString("ProjectionExpression", projection);
        WriteNames(w, r.ExpressionAttributeNames);
        WriteValues(w, r.ExpressionAttributeValues);
        if (r.ExclusiveStartKey is { Count: > 0 } startKey) WriteItem(w, "ExclusiveStartKey", startKey);
        if (r.Limit is { } limit) w.WriteNumber("Limit", limit);
        if (r.ScanIndexForward is { } forward) w.WriteBoolean("ScanIndexForward", forward);
    });

    private static byte[] Write<T>(T request, Action<Utf8JsonWriter, T> members)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer, request);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCondition(
        Utf8JsonWriter writer, string? condition, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values)
    {
        if (condition is not null) writer.WriteString("ConditionExpression", condition);
        WriteNames(writer, names);
        WriteValues(writer, values);
    }

    private static void WriteNames(Utf8JsonWriter writer, Dictionary<string, string>? names)
    {
        if (names is not { Count: > 0 }) return;
        writer.WriteStartObject("ExpressionAttributeNames");
        foreach (var (placeholder, name) in names) writer.WriteString(placeholder, name);
        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, Dictionary<string, AttributeValue>? values)
    {
        if (values is { Count: > 0 }) WriteItem(writer, "ExpressionAttributeValues", values);
    }

    private static void WriteItem(Utf8JsonWriter writer, string property, Dictionary<string, AttributeValue>? item)
    {
        writer.WritePropertyName(property);
        WriteMap(writer, item ?? []);
    }

    private static void WriteMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in map)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    /// <exception cref="ArgumentException">An attribute value with no type set.</exception>
    public static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        writer.WriteStartObject();
        if (value.S is { } s) writer.WriteString("S", s);
        else if (value.N is { } n) writer.WriteString("N", n);
        else if (value.BOOL is { } b) writer.WriteBoolean("BOOL", b);
        else if (value.NULL is true) writer.WriteBoolean("NULL", true);
        else if (value.M is { } m)
        {
            writer.WritePropertyName("M");
            WriteMap(writer, m);
        }
        else if (value.L is { } l)
        {
            writer.WriteStartArray("L");
            foreach (var element in l) WriteValue(writer, element);
            writer.WriteEndArray();
        }
        else if (value.B is { } binary) writer.WriteBase64String("B", Bytes(binary));
        else if (value.SS is { } ss) WriteStrings(writer, "SS", ss);
        else if (value.NS is { } ns) WriteStrings(writer, "NS", ns);
        else if (value.BS is { } bs)
        {
            writer.WriteStartArray("BS");
            foreach (var element in bs) writer.WriteBase64StringValue(Bytes(element));
            writer.WriteEndArray();
        }
        else throw new ArgumentException("An attribute value has no type set.", nameof(value));
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string type, List<string> values)
    {
        writer.WriteStartArray(type);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static ReadOnlySpan<byte> Bytes(MemoryStream stream) =>
        stream.TryGetBuffer(out var segment) ? segment.AsSpan() : stream.ToArray();
}
