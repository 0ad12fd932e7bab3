using MedImaging.Api.Finalize;
using MedImaging.Api.Uploads;

namespace MedImaging.Api.Studies;

public static class StudiesApi
{
    public static IEndpointRouteBuilder MapStudiesApi(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies").WithTags("Studies");
        studies.MapUploadStudies();
        studies.MapGetStudy();
        studies.MapFinalizeStudy();
        return app;
    }
}
