namespace MedImaging.Tests.Aws.Dynamo;

/// <summary>Sits below the signer of a real client and counts its requests by operation (the X-Amz-Target suffix).</summary>
internal sealed class OperationCounter() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int this[string operation]
    {
        get { lock (_counts) return _counts.GetValueOrDefault(operation); }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
        var operation = target[(target.IndexOf('.') + 1)..];
        lock (_counts) _counts[operation] = _counts.GetValueOrDefault(operation) + 1;
        return base.SendAsync(request, cancellationToken);
    }
}
