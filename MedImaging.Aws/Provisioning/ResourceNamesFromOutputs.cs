using MedImaging.Aws.Configuration;

namespace MedImaging.Aws.Provisioning;

/// <summary>Builds <see cref="ResourceNames"/> from stack outputs named like its properties.</summary>
public static class ResourceNamesFromOutputs
{
    public static ResourceNames Create(IReadOnlyDictionary<string, string> outputs)
    {
        string Get(string key) => outputs.TryGetValue(key, out var value) ? value : "";
        return new ResourceNames
        {
            IngestBucket = Get(nameof(ResourceNames.IngestBucket)),
            ProcessedBucket = Get(nameof(ResourceNames.ProcessedBucket)),
            XrayBucket = Get(nameof(ResourceNames.XrayBucket)),
            CtScanBucket = Get(nameof(ResourceNames.CtScanBucket)),
            GeneralBucket = Get(nameof(ResourceNames.GeneralBucket)),
            QuarantineBucket = Get(nameof(ResourceNames.QuarantineBucket)),
            StudyTable = Get(nameof(ResourceNames.StudyTable)),
            IngestQueueUrl = Get(nameof(ResourceNames.IngestQueueUrl)),
            StudyDeadLetterQueueUrl = Get(nameof(ResourceNames.StudyDeadLetterQueueUrl)),
            StudyEventsTopicArn = Get(nameof(ResourceNames.StudyEventsTopicArn)),
        };
    }
}
