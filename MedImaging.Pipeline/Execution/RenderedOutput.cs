namespace MedImaging.Pipeline.Execution;

/// <summary>A rendered image: the key it is written under in the bucket the instance is routed to, and its type.</summary>
public sealed record RenderedOutput(string Key, string ContentType);
