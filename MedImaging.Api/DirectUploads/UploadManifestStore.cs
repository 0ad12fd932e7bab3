using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using MedImaging.Api.Uploads;
using MedImaging.Aws.Configuration;

namespace MedImaging.Api.DirectUploads;

/// <summary>Keeps an upload's manifest and its completion record as small JSON objects in the ingest bucket.</summary>
public sealed class UploadManifestStore(IAmazonS3 s3, ResourceNames resources)
{
    public Task SaveAsync(UploadManifest manifest, CancellationToken cancellationToken) =>
        PutAsync(UploadManifest.ManifestKey(manifest.Id), JsonSerializer.SerializeToUtf8Bytes(manifest, DirectUploadJson.Default.UploadManifest), cancellationToken);

    public Task<UploadManifest?> LoadAsync(string uploadId, CancellationToken cancellationToken) =>
        GetAsync(UploadManifest.ManifestKey(uploadId), DirectUploadJson.Default.UploadManifest, cancellationToken);

    public Task SaveCompletedAsync(string uploadId, UploadAccepted accepted, CancellationToken cancellationToken) =>
        PutAsync(UploadManifest.CompletedKey(uploadId), JsonSerializer.SerializeToUtf8Bytes(accepted, DirectUploadJson.Default.UploadAccepted), cancellationToken);

    public Task<UploadAccepted?> LoadCompletedAsync(string uploadId, CancellationToken cancellationToken) =>
        GetAsync(UploadManifest.CompletedKey(uploadId), DirectUploadJson.Default.UploadAccepted, cancellationToken);

    private async Task PutAsync(string key, byte[] json, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(json);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = resources.IngestBucket, Key = key, ContentType = "application/json", InputStream = body, AutoCloseStream = false,
        }, cancellationToken);
    }

    private async Task<T?> GetAsync<T>(string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var response = await s3.GetObjectAsync(resources.IngestBucket, key, cancellationToken);
            return await JsonSerializer.DeserializeAsync(response.ResponseStream, type, cancellationToken);
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
