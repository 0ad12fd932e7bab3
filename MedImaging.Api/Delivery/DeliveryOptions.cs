namespace MedImaging.Api.Delivery;

/// <summary>How presigned URLs are handed out, bound from <c>MedImaging:Delivery</c>.</summary>
public sealed record DeliveryOptions
{
    public const string SectionName = "MedImaging:Delivery";

    /// <summary>How long a presigned download URL stays valid (default 15 minutes).</summary>
    public TimeSpan DownloadUrlExpiry { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a presigned upload URL stays valid (default 1 hour: large files take a while).</summary>
    public TimeSpan UploadUrlExpiry { get; init; } = TimeSpan.FromHours(1);
}
