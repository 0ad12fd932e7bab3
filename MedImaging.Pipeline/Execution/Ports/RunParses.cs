using System.Collections.Concurrent;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>
/// What one run of one instance parsed and produced, so a later step of the same run reuses it instead of reading or
/// computing it again: validate and extract read one header; render, analyze and route use what de-identify produced.
/// Parses are keyed by the identity of their input (the same buffer, offset and length, or the same local file), never by
/// content: within a run each step is handed the very buffer or file an earlier one read or wrote, and nothing writes into
/// them. Lives as long as the run; a new run starts empty and computes again what it needs (every step is deterministic).
/// Disposing it deletes the run's local copy of the upload.
/// </summary>
public sealed class RunParses : IDisposable
{
    private readonly ConcurrentDictionary<(object Input, string Kind), object> _parsed = new();

    /// <summary>The earlier parse of these very bytes as <paramref name="kind"/>, or a new one remembered for the next step.</summary>
    public T GetOrAdd<T>(ReadOnlyMemory<byte> bytes, string kind, Func<ReadOnlyMemory<byte>, T> parse) where T : class =>
        GetOrAdd<ReadOnlyMemory<byte>, T>(bytes, kind, parse);

    /// <summary>The earlier parse of the local file at <paramref name="path"/> as <paramref name="kind"/>, or a new one.</summary>
    public T GetOrAdd<T>(string path, string kind, Func<string, T> parse) where T : class =>
        GetOrAdd<string, T>(path, kind, parse);

    private T GetOrAdd<TInput, T>(TInput input, string kind, Func<TInput, T> parse) where TInput : notnull where T : class
    {
        if (_parsed.TryGetValue((input, kind), out var earlier)) return (T)earlier;
        var parsed = parse(input);
        _parsed[(input, kind)] = parsed;
        return parsed;
    }

    /// <summary>Remembers what <paramref name="bytes"/> parse to, when the caller made both (a writer that keeps what it wrote).</summary>
    public void Add<T>(ReadOnlyMemory<byte> bytes, string kind, T parsed) where T : class => _parsed[(bytes, kind)] = parsed;

    /// <summary>Remembers what belongs to <paramref name="key"/> (e.g. the dataset behind a de-identified instance's writer).</summary>
    public void Add<T>(object key, string kind, T parsed) where T : class => _parsed[(key, kind)] = parsed;

    /// <summary>What <see cref="Add{T}(object, string, T)"/> remembered for <paramref name="key"/>, or null.</summary>
    public T? Find<T>(object key, string kind) where T : class => _parsed.TryGetValue((key, kind), out var found) ? found as T : null;

    public int Count => _parsed.Count;

    /// <summary>The upload, streamed into a local file by the first step of this run that read it.</summary>
    internal SpooledObject? Source { get; set; }

    /// <summary>The de-identified instance, once de-identification ran in this run (its content is written only when routed).</summary>
    internal DeidentifiedInstance? Deidentified { get; set; }

    /// <summary>The rendered image, once rendering ran in this run (null inside: the instance has no pixel data).</summary>
    internal RenderedBytes? Rendered { get; set; }

    /// <summary>A plain image without its metadata, once stripped in this run.</summary>
    internal StrippedImage? Stripped { get; set; }

    public void Dispose()
    {
        Source?.Dispose();
        Source = null;
    }
}

/// <summary>What rendering produced: the encoded image, or null when there is nothing to render.</summary>
internal sealed record RenderedBytes(ReadOnlyMemory<byte>? Image);
