using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Execution;

public sealed record RenderedOutput(ObjectLocation Location, string ContentType);
