namespace MedImaging.Api.DirectUploads;

public static class DirectUploadsApi
{
    public static IEndpointRouteBuilder MapDirectUploadsApi(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/api/uploads").WithTags("Uploads");
        uploads.MapCreateUpload();
        uploads.MapCompleteUpload();
        return app;
    }
}
