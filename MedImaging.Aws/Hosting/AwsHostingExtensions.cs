using Amazon.DynamoDBv2;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedImaging.Aws.Hosting;

public static class AwsHostingExtensions
{
    /// <summary>
    /// Registers the AWS clients plus the study table and the ingest uploader, configured from
    /// <c>MedImaging:Aws</c> and <c>AWS:Resources</c>; fails at startup when a resource they need is unnamed.
    /// </summary>
    public static IHostApplicationBuilder AddStudyStore(this IHostApplicationBuilder builder)
    {
        var resources = builder.Configuration.GetSection(ResourceNames.SectionName).Get<ResourceNames>() ?? new ResourceNames();
        var missing = new[] { nameof(ResourceNames.IngestBucket), nameof(ResourceNames.StudyTable) }
            .Intersect(resources.MissingSettings()).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Missing configuration: {string.Join(", ", missing.Select(m => $"{ResourceNames.SectionName}:{m}"))}.");

        builder.Services.AddMedImagingAws(builder.Configuration);
        // A host that knows how many studies it saves at a time (the Silo) registers its StudyWriteBatching.
        builder.Services.AddSingleton(sp => new StudyTable(sp.GetRequiredService<IAmazonDynamoDB>(), resources.StudyTable, sp.GetService<StudyWriteBatching>()));
        builder.Services.AddSingleton<S3StreamUploader>();
        // Not tagged "live": /alive stays up while a dependency is down, /health reports it.
        builder.Services.AddHealthChecks().AddCheck<StudyStoreHealthCheck>("study-store");
        return builder;
    }
}
