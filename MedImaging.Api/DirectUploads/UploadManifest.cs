namespace MedImaging.Api.DirectUploads;

/// <summary>
/// What POST /api/uploads promised, stored beside the uploaded objects (incoming/direct/{id}/manifest.json in the
/// ingest bucket, so the ingest lifecycle rule also expires abandoned uploads).
/// </summary>
/// <param name="Multipart">The files uploaded in parts: their S3 multipart upload ids and part layout.</param>
public sealed record UploadManifest(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Finalize, IReadOnlyList<DeclaredFile> Files,
    IReadOnlyList<MultipartFile>? Multipart = null)
{
    public static string Prefix(string uploadId) => $"incoming/direct/{uploadId}/";

    public static string ManifestKey(string uploadId) => Prefix(uploadId) + "manifest.json";

    /// <summary>Written once the upload is announced; a second completion answers from it.</summary>
    public static string CompletedKey(string uploadId) => Prefix(uploadId) + "completed.json";

    public static string FileKey(string uploadId, int index) => Prefix(uploadId) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
