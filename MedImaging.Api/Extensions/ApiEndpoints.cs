using MedImaging.Api.DirectUploads;
using MedImaging.Api.Studies;

namespace MedImaging.Api.Extensions;

public static class ApiEndpoints
{
    /// <summary>Every endpoint of the public API (what the OpenAPI document must describe).</summary>
    public static IEndpointRouteBuilder MapMedImagingApi(this IEndpointRouteBuilder app)
    {
        app.MapStudiesApi();
        app.MapDirectUploadsApi();
        return app;
    }
}
