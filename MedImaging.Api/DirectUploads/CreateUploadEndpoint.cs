using MedImaging.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedImaging.Api.DirectUploads;

public static class CreateUploadEndpoint
{
    private const int MaxNameLength = 256;

    /// <summary>
    /// POST /api/uploads: declares files for direct upload and answers 201 with one presigned PUT URL per file.
    /// A missing or bad declaration is a 400 problem; too many or too large files a 413 problem.
    /// </summary>
    public static RouteHandlerBuilder MapCreateUpload(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/", CreateAsync)
            .WithName("CreateUpload")
            .WithSummary("Starts a direct upload: presigned PUT URLs for the declared files")
            .Accepts<CreateUploadRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Results<Created<UploadCreated>, ProblemHttpResult>> CreateAsync(
        CreateUploadRequest request, DirectUploadService uploads, IOptions<UploadOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (request.Files is not { Count: > 0 } files)
            return Problem(StatusCodes.Status400BadRequest, "No files declared", "Declare at least one file: {\"files\": [{\"size\": 1234}]}.");
        if (files.Count > limits.MaxFilesPerRequest)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Too many files", $"At most {limits.MaxFilesPerRequest} files per upload.");
        if (files.Any(f => f is null || f.Size < 1))
            return Problem(StatusCodes.Status400BadRequest, "Invalid file size", "Every file needs a size of at least 1 byte.");
        if (files.Any(f => f.Size > limits.MaxFileBytes))
            return Problem(StatusCodes.Status413PayloadTooLarge, "File too large", $"A file exceeds the limit of {limits.MaxFileBytes} bytes.");
        if (files.Any(f => f.Name is { Length: > MaxNameLength }))
            return Problem(StatusCodes.Status400BadRequest, "File name too long", $"File names are at most {MaxNameLength} characters.");

        var created = await uploads.CreateAsync(files, request.Finalize ?? true, cancellationToken);
        return TypedResults.Created($"/api/uploads/{created.Id}", created);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
