namespace MedImaging.Tests.Aws.Signing;

/// <summary>A clock that always reads <paramref name="now"/>, to reproduce signing vectors.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
