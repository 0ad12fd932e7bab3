using System.Net;

namespace MedImaging.Tests.Silo.Publishing;

/// <summary>
/// Stands in for SNS: answers the first <c>failures</c> requests with 500 InternalFailure (SNS's Query-protocol error
/// body), then forwards requests as they are to the real emulator.
/// </summary>
public sealed class FaultySnsProxy(Uri upstream, int failures) : LoopbackFaultProxy(upstream)
{
    private static readonly InjectedError InternalFailure = new(500, "text/xml",
        "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>injected</Message></Error></ErrorResponse>"u8.ToArray());

    private int _requests;

    /// <summary>Requests received so far (refused and forwarded).</summary>
    public int Requests => Volatile.Read(ref _requests);

    protected override InjectedError? Intercept(HttpListenerRequest request) =>
        Interlocked.Increment(ref _requests) <= failures ? InternalFailure : null;
}
