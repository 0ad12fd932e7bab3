using Microsoft.Extensions.Options;

namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

/// <summary>The same options under every name, for providers built by hand.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
