using System.Text.Json.Nodes;

namespace MedImaging.Aws.Provisioning;

/// <summary>One resource of a template: logical id, type (e.g. AWS::SQS::Queue) and raw properties.</summary>
public sealed record TemplateResource(string LogicalId, string Type, JsonObject Properties, IReadOnlyList<string> DependsOn);

/// <summary>The parts of a CloudFormation template the local provisioner reads: resources and outputs.</summary>
public sealed record CloudFormationTemplate(IReadOnlyList<TemplateResource> Resources, IReadOnlyDictionary<string, JsonNode> Outputs)
{
    public static CloudFormationTemplate Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("template is not a JSON object");
        var resources = new List<TemplateResource>();
        foreach (var (logicalId, node) in root["Resources"]?.AsObject() ?? [])
        {
            var resource = node?.AsObject() ?? throw new FormatException($"resource {logicalId} is not an object");
            var type = resource["Type"]?.GetValue<string>() ?? throw new FormatException($"resource {logicalId} has no Type");
            var properties = resource["Properties"]?.DeepClone().AsObject() ?? [];
            var dependsOn = resource["DependsOn"] switch
            {
                JsonArray array => array.Select(d => d!.GetValue<string>()).ToList(),
                JsonValue value => [value.GetValue<string>()],
                _ => new List<string>(),
            };
            resources.Add(new TemplateResource(logicalId, type, properties, dependsOn));
        }
        var outputs = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (name, node) in root["Outputs"]?.AsObject() ?? [])
        {
            outputs[name] = node?["Value"]?.DeepClone() ?? throw new FormatException($"output {name} has no Value");
        }
        return new CloudFormationTemplate(resources, outputs);
    }
}
