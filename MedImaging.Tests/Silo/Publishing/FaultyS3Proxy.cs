using System.Net;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>
/// Stands in for S3: forwards every request as it is to the real emulator, except PUTs of keys ending with
/// <c>keySuffix</c>, which it answers with 500 InternalError for the first <c>refusedWrites</c> writes. A write is one
/// call of the S3 client, told apart by its <c>amz-sdk-invocation-id</c> header, so the client's own quick retries of a
/// refused write are refused too and the caller sees the write fail.
/// </summary>
public sealed class FaultyS3Proxy(Uri upstream, string keySuffix, int refusedWrites) : LoopbackFaultProxy(upstream)
{
    private const string InvocationHeader = "amz-sdk-invocation-id";

    private static readonly InjectedError InternalError = new(500, "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>injected</Message><RequestId>1</RequestId></Error>"u8.ToArray());

    private readonly Dictionary<string, bool> _writes = new(StringComparer.Ordinal);
    private int _forwardedWrites;

    /// <summary>Writes of a matching key that were refused (each with all its client-side retries).</summary>
    public int RefusedWrites
    {
        get { lock (_writes) return _writes.Count(w => !w.Value); }
    }

    /// <summary>Writes of a matching key that reached the emulator and it accepted.</summary>
    public int ForwardedWrites => Volatile.Read(ref _forwardedWrites);

    protected override InjectedError? Intercept(HttpListenerRequest request) =>
        IsWrite(request) && Refuse(request.Headers[InvocationHeader] ?? Guid.NewGuid().ToString()) ? InternalError : null;

    protected override void Forwarded(HttpListenerRequest request, HttpResponseMessage answer)
    {
        if (IsWrite(request) && answer.IsSuccessStatusCode) Interlocked.Increment(ref _forwardedWrites);
    }

    private bool IsWrite(HttpListenerRequest request) =>
        request.HttpMethod == "PUT" && request.Url!.AbsolutePath.EndsWith(keySuffix, StringComparison.Ordinal);

    // The first refusedWrites distinct writes are refused in every request they make; later ones pass.
    private bool Refuse(string invocation)
    {
        lock (_writes)
        {
            if (_writes.TryGetValue(invocation, out var passes)) return !passes;
            var refuse = _writes.Count < refusedWrites;
            _writes[invocation] = !refuse;
            return refuse;
        }
    }
}
