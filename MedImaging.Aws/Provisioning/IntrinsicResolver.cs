using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MedImaging.Aws.Provisioning;

/// <summary>
/// Evaluates the intrinsic functions CDK emits (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select) against the
/// pseudo parameters and the resources provisioned so far.
/// </summary>
public sealed partial class IntrinsicResolver(ProvisioningEnvironment environment, IReadOnlyDictionary<string, ProvisionedResource> resources)
{
    /// <summary>A deep copy of <paramref name="node"/> with every intrinsic replaced by its value.</summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } single when IsIntrinsic(single.First().Key) => Evaluate(single.First().Key, single.First().Value),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))
            .Where(p => p.Value is not JsonValue v || v.ToString() != NoValue)),
        JsonArray array => new JsonArray([.. array.Select(Resolve)]),
        _ => node?.DeepClone(),
    };

    public string ResolveString(JsonNode? node) =>
        Resolve(node) is JsonValue value ? value.ToString() : throw new FormatException($"expected a string, got {node?.ToJsonString()}");

    /// <summary>Logical ids a node refers to through Ref or Fn::GetAtt (to provision dependencies first).</summary>
    public static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "Ref" && value is JsonValue reference && !reference.ToString().StartsWith("AWS::", StringComparison.Ordinal))
                    {
                        yield return reference.ToString();
                    }
                    else if (key == "Fn::GetAtt")
                    {
                        yield return GetAttTarget(value).LogicalId;
                    }
                    foreach (var inner in References(value))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray array:
                foreach (var inner in array.SelectMany(References))
                {
                    yield return inner;
                }
                break;
        }
    }

    private const string NoValue = "\u0000AWS::NoValue";

    private static bool IsIntrinsic(string key) => key is "Ref" or "Fn::GetAtt" or "Fn::Join" or "Fn::Sub" or "Fn::Select";

    private JsonNode? Evaluate(string function, JsonNode? argument) => function switch
    {
        "Ref" => Ref(argument!.GetValue<string>()),
        "Fn::GetAtt" => GetAtt(argument),
        "Fn::Join" => Join(argument!.AsArray()),
        "Fn::Sub" => Sub(argument!),
        "Fn::Select" => Resolve(argument![1])!.AsArray()[int.Parse(ResolveString(argument[0]), System.Globalization.CultureInfo.InvariantCulture)]?.DeepClone(),
        _ => throw new NotSupportedException(function),
    };

    private JsonValue Ref(string name) => JsonValue.Create(name switch
    {
        "AWS::AccountId" => environment.AccountId,
        "AWS::Region" => environment.Region,
        "AWS::Partition" => "aws",
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::StackName" => environment.StackName,
        "AWS::NoValue" => NoValue,
        _ => Provisioned(name).Reference,
    });

    private JsonValue GetAtt(JsonNode? argument)
    {
        var (logicalId, attribute) = GetAttTarget(argument);
        var resource = Provisioned(logicalId);
        return JsonValue.Create(resource.Attributes.TryGetValue(attribute, out var value)
            ? value
            : throw new NotSupportedException($"{resource.Type} {logicalId} has no attribute {attribute} locally"));
    }

    private static (string LogicalId, string Attribute) GetAttTarget(JsonNode? argument) => argument switch
    {
        JsonArray { Count: 2 } pair => (pair[0]!.GetValue<string>(), pair[1]!.GetValue<string>()),
        JsonValue dotted when dotted.ToString().Split('.', 2) is [var id, var attribute] => (id, attribute),
        _ => throw new FormatException($"bad Fn::GetAtt {argument?.ToJsonString()}"),
    };

    private JsonValue Join(JsonArray argument)
    {
        var separator = argument[0]!.GetValue<string>();
        var parts = Resolve(argument[1])!.AsArray().Select(p => p!.ToString());
        return JsonValue.Create(string.Join(separator, parts));
    }

    private JsonValue Sub(JsonNode argument)
    {
        var (text, variables) = argument is JsonArray array
            ? (array[0]!.GetValue<string>(), array[1]!.AsObject())
            : (argument.GetValue<string>(), new JsonObject());
        var result = SubVariable().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (variables[name] is { } variable)
            {
                return ResolveString(variable);
            }
            return name.Split('.', 2) is [var id, var attribute] && !name.StartsWith("AWS::", StringComparison.Ordinal)
                ? GetAtt(new JsonArray(id, attribute)).ToString()
                : Ref(name).ToString();
        });
        return JsonValue.Create(result);
    }

    private ProvisionedResource Provisioned(string logicalId) =>
        resources.TryGetValue(logicalId, out var resource)
            ? resource
            : throw new InvalidOperationException($"resource {logicalId} is referenced before it was provisioned");

    [GeneratedRegex(@"\$\{([^!}][^}]*)\}")]
    private static partial Regex SubVariable();
}
