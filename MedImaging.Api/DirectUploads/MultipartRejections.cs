using MedImaging.Api.Uploads;

namespace MedImaging.Api.DirectUploads;

/// <summary>Refusals of a multipart file at completion; the client may PUT parts again and complete again.</summary>
public static class MultipartRejections
{
    public static UploadRejectedException PartsNotListed(int partCount) =>
        new(StatusCodes.Status409Conflict, UploadProblemTypes.PartsNotListed, "Parts not listed",
            $"This file was uploaded in {partCount} part(s): list each part's number and ETag in the completion body.");

    public static UploadRejectedException PartsIncomplete(int partCount) =>
        new(StatusCodes.Status409Conflict, UploadProblemTypes.PartsIncomplete, "Parts incomplete",
            $"List every part from 1 to {partCount} once, each with the ETag its PUT answered.");

    public static UploadRejectedException NotAssembled(string? s3ErrorCode) =>
        new(StatusCodes.Status409Conflict, UploadProblemTypes.PartsNotAssembled, "Parts could not be assembled",
            $"S3 refused to assemble the parts ({s3ErrorCode ?? "unknown"}): PUT the missing or changed parts again, then complete again.");
}
