using Amazon.DynamoDBv2.Model;

namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>A canonical text of an attribute map, to compare items: sets are unordered in DynamoDB, so they are sorted here.</summary>
internal static class AttributeText
{
    public static string Describe(Dictionary<string, AttributeValue> item) =>
        "{" + string.Join(",", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + ":" + Describe(a.Value))) + "}";

    private static string Describe(AttributeValue value) => value switch
    {
        { S: { } s } => "S" + s,
        { N: { } n } => "N" + n,
        { B: { } b } => "B" + Convert.ToHexString(b.ToArray()),
        { BOOL: { } flag } => "BOOL" + flag,
        { NULL: true } => "NULL",
        { M: { } m } => "M" + Describe(m),
        { L: { } l } => "L[" + string.Join(",", l.Select(Describe)) + "]",
        { SS: { } ss } => "SS" + string.Join(",", ss.Order(StringComparer.Ordinal)),
        { NS: { } ns } => "NS" + string.Join(",", ns.Order(StringComparer.Ordinal)),
        { BS: { } bs } => "BS" + string.Join(",", bs.Select(b => Convert.ToHexString(b.ToArray())).Order(StringComparer.Ordinal)),
        _ => throw new InvalidOperationException("An attribute value with no type set."),
    };
}
