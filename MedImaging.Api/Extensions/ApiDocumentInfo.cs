using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedImaging.Api.Extensions;

/// <summary>Title and description of the OpenAPI document at /openapi/v1.json.</summary>
internal sealed class ApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "MedImaging API";
        document.Info.Description =
            "Study-centred medical-imaging ingestion: upload DICOM (or JPEG/PNG), follow each study's processing, "
            + "and download de-identified results through presigned URLs. Every error is an RFC 9457 problem (application/problem+json).";
        return Task.CompletedTask;
    }
}
