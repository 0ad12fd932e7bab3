using MedImaging.Pipeline.Routing;

namespace MedImaging.Pipeline.Execution;

/// <summary>Bucket names, bound from <c>AWS:Resources</c> (the AppHost's contract).</summary>
public sealed record PipelineBuckets
{
    public const string SectionName = "AWS:Resources";

    public required string IngestBucket { get; init; }
    public required string ProcessedBucket { get; init; }
    public required string XrayBucket { get; init; }
    public required string CtScanBucket { get; init; }
    public required string GeneralBucket { get; init; }
    public required string QuarantineBucket { get; init; }

    public string For(Destination destination) => destination switch
    {
        Destination.Xray => XrayBucket,
        Destination.CtScan => CtScanBucket,
        Destination.General => GeneralBucket,
        Destination.Quarantine => QuarantineBucket,
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination, null),
    };
}
