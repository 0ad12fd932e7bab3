using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Amazon.Runtime;

namespace MedImaging.Aws;

/// <summary>
/// The ActivitySource our own AWS clients report calls on (rpc.system = aws-api), and the request counter of every
/// AWS client (ours and the SDK's), by service and operation: what each instance costs the services (or emulators).
/// </summary>
public static class AwsTelemetry
{
    public const string ActivitySourceName = "MedImaging.Aws";

    public const string RequestsInstrumentName = "medimaging.aws.requests";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly Meter Meter = new(ActivitySourceName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        RequestsInstrumentName, "{request}", "Calls to AWS services by service and operation (a call retried counts once).");

    private static readonly ConcurrentDictionary<Type, string> OperationNames = new();

    internal static Activity? StartCall(string service, string operation)
    {
        CountRequest(service, operation);
        var activity = Source.StartActivity($"{service}.{operation}", ActivityKind.Client);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", service);
        activity?.SetTag("rpc.method", operation);
        return activity;
    }

    /// <summary>Counts the calls an AWS SDK client makes, under <paramref name="service"/> and the request's operation.</summary>
    public static TClient CountRequests<TClient>(TClient client, string service) where TClient : AmazonServiceClient
    {
        client.BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs { Request: { } request })
                CountRequest(service, OperationNames.GetOrAdd(request.GetType(), static t => t.Name.EndsWith("Request", StringComparison.Ordinal) ? t.Name[..^"Request".Length] : t.Name));
        };
        return client;
    }

    private static void CountRequest(string service, string operation) =>
        Requests.Add(1, new KeyValuePair<string, object?>("rpc.service", service), new KeyValuePair<string, object?>("rpc.method", operation));
}
