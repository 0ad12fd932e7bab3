namespace MedImaging.Api.Uploads;

/// <summary>Upload limits, bound from <c>MedImaging:Upload</c>.</summary>
public sealed record UploadOptions
{
    public const string SectionName = "MedImaging:Upload";

    /// <summary>Largest accepted file (default 2 GiB).</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest accepted request body, all files together (default 8 GiB).</summary>
    public long MaxRequestBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Most files in one request.</summary>
    public int MaxFilesPerRequest { get; init; } = 1000;
}
