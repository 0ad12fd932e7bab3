using System.Collections.Concurrent;

namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>
/// What the ports parsed during one run of one instance, so a later step of the same run reuses a parse instead of
/// reading the same bytes again (validate and extract read one header; render reads the file de-identify just wrote).
/// Keyed by the identity of the bytes (the same buffer, offset and length), never by their content: within a run the
/// object store hands each step the very buffer it read or wrote, and nothing writes into those buffers. Lives as long as
/// the run; a new run starts empty.
/// </summary>
public sealed class RunParses
{
    private readonly ConcurrentDictionary<(ReadOnlyMemory<byte> Bytes, string Kind), object> _parsed = new();

    /// <summary>The earlier parse of these very bytes as <paramref name="kind"/>, or a new one remembered for the next step.</summary>
    public T GetOrAdd<T>(ReadOnlyMemory<byte> bytes, string kind, Func<ReadOnlyMemory<byte>, T> parse) where T : class
    {
        if (_parsed.TryGetValue((bytes, kind), out var earlier)) return (T)earlier;
        var parsed = parse(bytes);
        _parsed[(bytes, kind)] = parsed;
        return parsed;
    }

    /// <summary>Remembers what <paramref name="bytes"/> parse to, when the caller made both (a writer that keeps what it wrote).</summary>
    public void Add<T>(ReadOnlyMemory<byte> bytes, string kind, T parsed) where T : class => _parsed[(bytes, kind)] = parsed;

    public int Count => _parsed.Count;
}
