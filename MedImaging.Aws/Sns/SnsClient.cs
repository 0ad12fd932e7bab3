using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Signing;

namespace MedImaging.Aws.Sns;

/// <summary>
/// Amazon SNS over its Query protocol (form-encoded POST, XML answers), signed with SigV4 by the HttpClient's handler.
/// </summary>
public sealed class SnsClient(HttpClient httpClient) : IDisposable
{
    private const string ApiVersion = "2010-03-31";
    private const int MaxAttempts = 4;

    public static SnsClient Create(AwsOptions options)
    {
        var endpoint = AwsEndpoints.Sns(options);
        var credentials = AwsCredentialSource.For(options, options.ServiceUrl.Sns);
        return new SnsClient(SignedHttpClientFactory.Create(credentials, options.Region, "sns", endpoint, TimeSpan.FromSeconds(30)));
    }

    /// <summary>Creates the topic, or returns the ARN of the existing one (CreateTopic is idempotent).</summary>
    public async Task<string> CreateTopicAsync(string name, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("Name", name) };
        var index = 1;
        foreach (var (key, value) in attributes ?? new Dictionary<string, string>())
        {
            parameters.Add(new($"Attributes.entry.{index}.key", key));
            parameters.Add(new($"Attributes.entry.{index}.value", value));
            index++;
        }
        var result = await InvokeAsync("CreateTopic", parameters, cancellationToken);
        return Required(result, "TopicArn");
    }

    /// <summary>Returns the MessageId SNS assigned.</summary>
    public Task<string> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default) =>
        PublishAsync(request, MaxAttempts, cancellationToken);

    /// <summary>
    /// Publishes with at most <paramref name="maxAttempts"/> attempts here (1: a single request, for a caller that
    /// retries through durable delayed messages instead of waiting). Returns the MessageId SNS assigned.
    /// </summary>
    public async Task<string> PublishAsync(PublishRequest request, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var parameters = new List<KeyValuePair<string, string>> { new("TopicArn", request.TopicArn), new("Message", request.Message) };
        AddIfSet(parameters, "Subject", request.Subject);
        AddIfSet(parameters, "MessageGroupId", request.MessageGroupId);
        AddIfSet(parameters, "MessageDeduplicationId", request.MessageDeduplicationId);
        var index = 1;
        foreach (var (name, attribute) in request.MessageAttributes ?? new Dictionary<string, SnsMessageAttribute>())
        {
            var prefix = $"MessageAttributes.entry.{index}";
            parameters.Add(new($"{prefix}.Name", name));
            parameters.Add(new($"{prefix}.Value.DataType", attribute.DataType));
            AddIfSet(parameters, $"{prefix}.Value.StringValue", attribute.StringValue);
            AddIfSet(parameters, $"{prefix}.Value.BinaryValue", attribute.BinaryValue is null ? null : Convert.ToBase64String(attribute.BinaryValue));
            index++;
        }
        var result = await InvokeAsync("Publish", parameters, cancellationToken, maxAttempts);
        return Required(result, "MessageId");
    }

    /// <summary>Subscribes an endpoint (protocol "sqs" takes a queue ARN; "http"/"https" a URL). Returns the SubscriptionArn.</summary>
    public async Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, bool rawMessageDelivery = false, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("TopicArn", topicArn), new("Protocol", protocol), new("Endpoint", endpoint), new("ReturnSubscriptionArn", "true"),
        };
        if (rawMessageDelivery)
        {
            parameters.Add(new("Attributes.entry.1.key", "RawMessageDelivery"));
            parameters.Add(new("Attributes.entry.1.value", "true"));
        }
        var result = await InvokeAsync("Subscribe", parameters, cancellationToken);
        return Required(result, "SubscriptionArn");
    }

    /// <summary>The topic's attributes; throws <see cref="SnsException"/> with code NotFound when it does not exist.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        var result = await InvokeAsync("GetTopicAttributes", [new("TopicArn", topicArn)], cancellationToken);
        return result.Descendants().Where(e => e.Name.LocalName == "entry").ToDictionary(
            e => e.Elements().First(c => c.Name.LocalName == "key").Value,
            e => e.Elements().First(c => c.Name.LocalName == "value").Value);
    }

    public void Dispose() => httpClient.Dispose();

    private static void AddIfSet(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }
    }

    private static string Required(XElement result, string name) =>
        result.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value
        ?? throw new SnsException("InvalidResponse", $"answer has no {name}", HttpStatusCode.OK);

    private async Task<XElement> InvokeAsync(string action, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken, int maxAttempts = MaxAttempts)
    {
        using var activity = AwsTelemetry.StartCall("SNS", action);
        parameters.Insert(0, new("Action", action));
        parameters.Insert(1, new("Version", ApiVersion));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(parameters, cancellationToken);
            }
            catch (Exception error) when (attempt < maxAttempts && IsTransient(error, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 100 * (1 << attempt))), cancellationToken);
            }
            catch (Exception error)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error is SnsException sns ? sns.ErrorCode : error.GetType().Name);
                throw;
            }
        }
    }

    private async Task<XElement> SendOnceAsync(List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "") { Content = new FormUrlEncodedContent(parameters) };
        using var response = await httpClient.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        XElement root;
        try
        {
            root = XElement.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            throw new SnsException(response.StatusCode.ToString(), Truncate(text), response.StatusCode);
        }
        if (!response.IsSuccessStatusCode)
        {
            var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? response.StatusCode.ToString();
            var detail = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
            throw new SnsException(code, Truncate(detail), response.StatusCode);
        }
        return root;
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;

    private static bool IsTransient(Exception error, CancellationToken cancellationToken) => error switch
    {
        SnsException sns => sns.IsTransient,
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
