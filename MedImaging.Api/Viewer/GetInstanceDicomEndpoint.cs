using Amazon.S3;
using MedImaging.Api.Studies;
using MedImaging.Aws.Dynamo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedImaging.Api.Viewer;

public static class GetInstanceDicomEndpoint
{
    /// <summary>
    /// GET /api/studies/{id}/instances/{uid}/dicom: the instance's de-identified DICOM file (application/dicom), streamed
    /// from its destination bucket so the page's viewer reads it from the Api's own origin. Never the upload: a 404
    /// problem when the study or instance is unknown, the instance is not finished, has no de-identified file, or was
    /// quarantined or failed (never handed out).
    /// </summary>
    public static RouteHandlerBuilder MapGetInstanceDicom(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/{id}/instances/{uid}/dicom", GetAsync)
            .WithName("GetInstanceDicom")
            .WithSummary("The instance's de-identified DICOM file")
            .Produces(StatusCodes.Status200OK, contentType: "application/dicom")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAsync(
        string id, string uid, StudyTable studies, IAmazonS3 s3, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var found = await DeliverableOutput.FindAsync(studies, id, uid, OutputKinds.Dicom, cancellationToken);
        if (found.Location is not { } dicom)
        {
            return found.Unavailable switch
            {
                OutputUnavailable.NotFinished => NotFound("Not de-identified yet", "The instance has not finished processing."),
                OutputUnavailable.Withheld => NotFound("Instance withheld", "The instance failed or was quarantined; its files are not handed out."),
                OutputUnavailable.NoSuchOutput => NotFound("No de-identified DICOM file", "The instance has no de-identified DICOM file (it was not a DICOM upload)."),
                _ => NotFound("Instance not found", "No instance with this id in a study with this id."),
            };
        }

        try
        {
            var stored = await s3.GetObjectAsync(dicom.Bucket, dicom.Key, cancellationToken);
            context.Response.RegisterForDispose(stored);
            context.Response.ContentLength = stored.ContentLength;
            context.Response.Headers.CacheControl = "private, max-age=600";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Stream(stored.ResponseStream, "application/dicom");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            ViewerLog.DeidentifiedFileMissing(loggers.CreateLogger(typeof(GetInstanceDicomEndpoint)), dicom.Bucket);
            return NotFound("De-identified file missing", "The instance's de-identified file is no longer stored.");
        }
    }

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);
}
