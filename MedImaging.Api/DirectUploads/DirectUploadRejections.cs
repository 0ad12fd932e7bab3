using MedImaging.Api.Uploads;

namespace MedImaging.Api.DirectUploads;

/// <summary>Refusals that only a direct upload's completion can meet.</summary>
public static class DirectUploadRejections
{
    public static UploadRejectedException NotUploaded() =>
        new(StatusCodes.Status409Conflict, UploadProblemTypes.NotUploaded, "File not uploaded", "Nothing was PUT to this file's URL yet.");

    public static UploadRejectedException SizeMismatch(long declared, long actual) =>
        new(StatusCodes.Status409Conflict, UploadProblemTypes.SizeMismatch, "File size differs from the declared size",
            $"The upload declared {declared} bytes but the stored object has {actual}.");
}
