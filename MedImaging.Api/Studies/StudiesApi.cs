using MedImaging.Api.Finalize;
using MedImaging.Api.Rendered;
using MedImaging.Api.StudyList;
using MedImaging.Api.Uploads;
using MedImaging.Api.Viewer;

namespace MedImaging.Api.Studies;

public static class StudiesApi
{
    public static IEndpointRouteBuilder MapStudiesApi(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies").WithTags("Studies");
        studies.MapUploadStudies();
        studies.MapListStudies();
        studies.MapGetStudy();
        studies.MapGetRenderedImage();
        studies.MapGetInstanceDicom();
        studies.MapFinalizeStudy();
        return app;
    }
}
