using MedImaging.Api.Delivery;
using MedImaging.Api.DirectUploads;
using MedImaging.Api.Studies;
using MedImaging.Api.Uploads;
using MedImaging.Api.Web.Hosting;
using MedImaging.Aws.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using MedImaging.Studies;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace MedImaging.Api.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StudyServiceUnavailableHandler>();
        builder.UseOrleansClient(client =>
        {
            client.Services.AddSerializer(serializer => serializer.AddStudyRecords());
            client.AddActivityPropagation();
        });
        builder.Services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectionRetry>();
        builder.Services.AddSingleton<StudyGrainCalls>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ApiDocumentInfo>());
        builder.AddStudyStore();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName);
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName);
        // Kestrel enforces the request limit while streaming; files are checked one by one by the uploader.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<UploadOptions>>((kestrel, upload) => kestrel.Limits.MaxRequestBodySize = upload.Value.MaxRequestBytes);
        builder.Services.AddSingleton<UrlSigner>();
        builder.Services.AddSingleton<StudyResponseBuilder>();
        builder.Services.AddSingleton<UploadManifestStore>();
        builder.Services.AddSingleton<MultipartUploads>();
        builder.Services.AddSingleton<StudyLookup>();
        builder.Services.AddScoped<StudyAnnouncer>();
        builder.Services.AddScoped<StudyUploader>();
        builder.Services.AddScoped<DirectUploadService>();
        builder.Services.AddWebPage();
    }
}
