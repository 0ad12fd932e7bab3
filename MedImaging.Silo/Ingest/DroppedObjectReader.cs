using System.Security.Cryptography;
using Amazon.S3;
using MedImaging.Dicom;
using MedImaging.Studies;

namespace MedImaging.Silo.Ingest;

/// <summary>
/// Tells what an object put straight into the ingest bucket is, as the Api tells an upload: DICOM belongs to its
/// StudyInstanceUID under its SOPInstanceUID; a JPEG or PNG is a study of its own, keyed by the object's name and
/// content so the same object always lands in the same place. Reads the object once, hashing it as it streams.
/// </summary>
public sealed class DroppedObjectReader(IAmazonS3 s3, TimeProvider clock)
{
    /// <summary>How much of the object is kept to read its header from; headers longer than this are not supported.</summary>
    public const int HeaderBytes = 4 * 1024 * 1024;

    /// <returns>The instance to hand to its study grain; null when the object is none of DICOM, JPEG or PNG, or is gone.</returns>
    public async Task<InstanceReceived?> ReadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        await using var body = response.ResponseStream;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[(int)Math.Min(HeaderBytes, Math.Max(0, response.ContentLength))];
        var headLength = 0;
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            var keep = Math.Min(read, head.Length - headLength);
            if (keep > 0)
            {
                buffer.AsSpan(0, keep).CopyTo(head.AsSpan(headLength));
                headLength += keep;
            }
            size += read;
        }
        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        var now = clock.GetUtcNow();
        return Identify(head.AsMemory(0, headLength), hash) switch
        {
            (string study, string instance, string contentType) => new InstanceReceived(study, instance, bucket, key, contentType, size, hash, now),
            _ => null,
        };
    }

    private static (string Study, string Instance, string ContentType)? Identify(ReadOnlyMemory<byte> head, string sha256)
    {
        var span = head.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return PlainImage(sha256, "image/jpeg");
        if (span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return PlainImage(sha256, "image/png");
        try
        {
            var dataset = DicomFile.Read(head, DicomReadOptions.HeaderOnly).Dataset;
            if (dataset.TryGetString(DicomTag.StudyInstanceUID, out var study) && dataset.TryGetString(DicomTag.SOPInstanceUID, out var sop)
                && StudyKeys.IsDicomUid(study = study.Trim('\0', ' ')) && StudyKeys.IsDicomUid(sop = sop.Trim('\0', ' ')))
            {
                return (study, sop, "application/dicom");
            }
        }
        catch (Exception error) when (error is DicomFormatException or DicomDataException)
        {
            // Not DICOM, or not readable as DICOM: neither is ingested.
        }
        return null;
    }

    // The same image content is the same study wherever it was put: a repeated put is a repeat, not a new study.
    private static (string, string, string) PlainImage(string sha256, string contentType)
    {
        var id = "u" + sha256[..32];
        return (id, id, contentType);
    }
}
