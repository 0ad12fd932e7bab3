using System.Diagnostics;

namespace MedImaging.Aws;

/// <summary>The ActivitySource our own AWS clients report calls on (rpc.system = aws-api).</summary>
public static class AwsTelemetry
{
    public const string ActivitySourceName = "MedImaging.Aws";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static Activity? StartCall(string service, string operation)
    {
        var activity = Source.StartActivity($"{service}.{operation}", ActivityKind.Client);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", service);
        activity?.SetTag("rpc.method", operation);
        return activity;
    }
}
