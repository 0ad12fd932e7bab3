using System.Xml.Linq;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Signing;

namespace MedImaging.Aws.Provisioning;

/// <summary>
/// Reads a deployed stack's outputs with CloudFormation DescribeStacks (Query protocol, SigV4-signed; AWSSDK.CloudFormation
/// does not restore here). On real AWS the AppHost takes the resource names from these outputs.
/// </summary>
public sealed class StackOutputsReader(HttpClient httpClient) : IDisposable
{
    public static StackOutputsReader Create(AwsOptions options)
    {
        var endpoint = new Uri($"https://cloudformation.{options.Region}.amazonaws.com/");
        var credentials = AwsCredentialSource.For(options, serviceUrl: null);
        return new StackOutputsReader(SignedHttpClientFactory.Create(credentials, options.Region, "cloudformation", endpoint, TimeSpan.FromSeconds(30)));
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(string stackName, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "")
        {
            Content = new FormUrlEncodedContent([new("Action", "DescribeStacks"), new("StackName", stackName), new("Version", "2010-05-15")]),
        };
        using var response = await httpClient.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = TryParse(text)?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? text;
            throw new InvalidOperationException($"DescribeStacks {stackName} failed ({(int)response.StatusCode}): {message}");
        }
        var root = TryParse(text) ?? throw new InvalidOperationException("DescribeStacks answered something that is not XML");
        return root.Descendants()
            .Where(e => e.Name.LocalName == "Outputs")
            .SelectMany(o => o.Elements().Where(m => m.Name.LocalName == "member"))
            .ToDictionary(
                m => m.Elements().First(e => e.Name.LocalName == "OutputKey").Value,
                m => m.Elements().First(e => e.Name.LocalName == "OutputValue").Value);
    }

    public void Dispose() => httpClient.Dispose();

    private static XElement? TryParse(string text)
    {
        try
        {
            return XElement.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
