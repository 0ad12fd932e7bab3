using System.Text;
using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.Dynamo;

/// <summary>An item's size roughly as DynamoDB counts it (names plus values), to keep a transaction under its 4 MB limit.</summary>
internal static class ItemSize
{
    public static long Estimate(Dictionary<string, AttributeValue> item) =>
        item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Estimate(a.Value));

    private static long Estimate(AttributeValue value) => value switch
    {
        { S: { } s } => Encoding.UTF8.GetByteCount(s),
        { N: { } n } => n.Length,
        { B: { } b } => b.Length,
        { M: { } m } => 3 + Estimate(m),
        { L: { } l } => 3 + l.Sum(Estimate),
        { SS: { } ss } => ss.Sum(s => (long)Encoding.UTF8.GetByteCount(s)),
        { NS: { } ns } => ns.Sum(n => (long)n.Length),
        { BS: { } bs } => bs.Sum(b => b.Length),
        _ => 1,
    };
}
