using Amazon;
using Amazon.Runtime.Signing;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Signing;
using MedImaging.Aws.Sqs;

namespace MedImaging.Tests.Aws.Sqs;

/// <summary>
/// Sits above the signer of a real SQS client: records every request's operation (the X-Amz-Target suffix) in order,
/// and can hold the first request of one operation until <see cref="Release"/>, so that sends or deletes made
/// meanwhile find a request in flight.
/// </summary>
internal sealed class SqsRequestGate(string? holdFirst = null) : DelegatingHandler
{
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _operations = [];
    private int _held;

    public Task FirstHeldArrived => _firstArrived.Task;

    public IReadOnlyList<string> Operations
    {
        get { lock (_operations) return [.. _operations]; }
    }

    public int Count(string operation) => Operations.Count(o => o == operation);

    public void Release() => _released.TrySetResult();

    /// <summary>A real client for the emulator's SQS endpoint whose requests pass this gate.</summary>
    public SqsClient Client(AwsOptions options)
    {
        InnerHandler = new SigV4SigningHandler(
            AwsCredentialSource.For(options, options.ServiceUrl.Sqs), RegionEndpoint.GetBySystemName(options.Region), "sqs",
            new SocketsHttpHandler { AllowAutoRedirect = false });
        return new SqsClient(new HttpClient(this) { BaseAddress = AwsEndpoints.Sqs(options), Timeout = TimeSpan.FromSeconds(45) });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.GetValues("X-Amz-Target").Single().Replace("AmazonSQS.", "", StringComparison.Ordinal);
        lock (_operations) _operations.Add(operation);
        if (operation == holdFirst && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _firstArrived.TrySetResult();
            await _released.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
