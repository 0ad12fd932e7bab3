using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Analysis;

/// <summary>An image to analyze: its bytes, where it is stored (for analyzers that read S3 directly) and its header facts.</summary>
public sealed record AnalysisRequest(
    InstanceMetadata Metadata,
    ReadOnlyMemory<byte> Image,
    string ContentType,
    ObjectLocation? StoredAt);
