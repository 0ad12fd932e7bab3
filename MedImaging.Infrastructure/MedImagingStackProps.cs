using Amazon.CDK;

namespace MedImaging.Infrastructure;

/// <summary>Stack settings; <see cref="ResourcePrefix"/> starts every physical name, so two stacks can share an account.</summary>
public sealed class MedImagingStackProps : StackProps
{
    public string ResourcePrefix { get; init; } = "medimaging";

    /// <summary>Receives before a study message goes to the dead-letter queue.</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>Days raw uploads (PHI) stay in the ingest bucket.</summary>
    public int IngestRetentionDays { get; init; } = 30;

    /// <summary>
    /// Origins whose pages may PUT to the ingest bucket's presigned URLs (the web page's direct upload): set it to the
    /// page's origin (https://imaging.example.org) when deploying. Any origin by default, which gives nothing away: a
    /// PUT needs a presigned URL, which only the Api hands out, and the Api answers no cross-origin request.
    /// </summary>
    public string[] UploadOrigins { get; init; } = ["*"];
}
