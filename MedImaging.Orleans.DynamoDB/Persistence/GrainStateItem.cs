using System.Text;
using Amazon.DynamoDBv2.Model;
using MedImaging.Orleans.DynamoDB.Shared;

namespace MedImaging.Orleans.DynamoDB.Persistence;

/// <summary>One grain's stored state: its key, its serialized state (null once cleared) and its ETag.</summary>
internal sealed record GrainStateItem(string GrainReference, string GrainType, byte[]? State, long ETag)
{
    public Dictionary<string, AttributeValue> Key() => KeyOf(GrainReference, GrainType);

    public Dictionary<string, AttributeValue> ToItem()
    {
        var item = Key();
        item[GrainStateTable.ETag] = DynamoDBItems.N(ETag);
        item[GrainStateTable.GrainState] = State is { Length: > 0 }
            ? new AttributeValue { B = new MemoryStream(State, writable: false) }
            : new AttributeValue { NULL = true };
        return item;
    }

    /// <summary>The item's size as DynamoDB counts it (UTF-8 names and strings, binary lengths, numbers at most 21 bytes).</summary>
    public int SizeInBytes() =>
        Utf8(GrainStateTable.GrainReference) + Utf8(GrainReference)
        + Utf8(GrainStateTable.GrainType) + Utf8(GrainType)
        + Utf8(GrainStateTable.ETag) + 21
        + Utf8(GrainStateTable.GrainState) + Math.Max(1, State?.Length ?? 0);

    public static Dictionary<string, AttributeValue> KeyOf(string grainReference, string grainType) => new()
    {
        [GrainStateTable.GrainReference] = DynamoDBItems.S(grainReference),
        [GrainStateTable.GrainType] = DynamoDBItems.S(grainType),
    };

    public static GrainStateItem FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetString(GrainStateTable.GrainReference)!,
        item.GetString(GrainStateTable.GrainType)!,
        item.TryGetValue(GrainStateTable.GrainState, out var state) && state.B is { } bytes ? bytes.ToArray() : null,
        item.GetLong(GrainStateTable.ETag));

    private static int Utf8(string text) => Encoding.UTF8.GetByteCount(text);
}
