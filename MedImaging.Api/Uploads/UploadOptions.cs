namespace MedImaging.Api.Uploads;

/// <summary>Upload limits, bound from <c>MedImaging:Upload</c>.</summary>
public sealed record UploadOptions
{
    public const string SectionName = "MedImaging:Upload";

    /// <summary>Largest accepted file (default 2 GiB).</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest accepted request body, all files together (default 8 GiB).</summary>
    public long MaxRequestBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// How far into a DICOM file the Api reads to find its identifiers and check its Pixel Data length (default 16 MiB;
    /// for a deflated dataset, inflated bytes). Real headers hold their UIDs in the first few KB and have at most a few MB
    /// before Pixel Data; 900,000 small elements take about 13 MB. A file whose header runs past this is refused
    /// (dicom-header-too-long), a deflated one inflating past it too (dicom-inflate-limit). A request holds up to this
    /// much of a file while reading its header, and a deflate bomb costs the CPU of inflating this much.
    /// </summary>
    public long MaxHeaderBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Most files in one request.</summary>
    public int MaxFilesPerRequest { get; init; } = 1000;

    /// <summary>
    /// A direct upload of a file larger than this is a presigned multipart upload (one PUT URL per part): single PUTs
    /// of large files are slow to retry, and S3 refuses them above 5 GiB (fauxqs above 11 MiB).
    /// </summary>
    public long MultipartThresholdBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Part size of a presigned multipart upload (S3: at least 5 MiB except the last part, at most 10,000 parts).</summary>
    public long MultipartPartBytes { get; init; } = 8L * 1024 * 1024;
}
