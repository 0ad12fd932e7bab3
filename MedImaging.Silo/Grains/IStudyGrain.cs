using MedImaging.Aws.Studies;
using MedImaging.Silo.Runtime;

namespace MedImaging.Silo.Grains;

/// <summary>One grain per study (key: StudyInstanceUID, or the upload id of plain images). Shaped like an Orleans grain interface.</summary>
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>An instance's bytes are in the ingest bucket: record it and run its steps.</summary>
    Task InstanceReceived(InstanceReceived message);

    /// <summary>
    /// Several <see cref="Aws.Studies.InstanceReceived"/> and <see cref="ContinueInstance"/> messages of this study in one
    /// turn: their instances run at the same time, their results are applied in message order and saved once.
    /// </summary>
    /// <param name="firstDelivery">Every message is on its first delivery: an instance they bring in is new to the
    /// pipeline too, so its steps need not look for outputs of an earlier run.</param>
    Task RunInstances(IReadOnlyList<StudyMessage> messages, bool firstDelivery = false);

    /// <summary>The client says the study is whole: complete it once every instance is done or failed.</summary>
    Task Finalize(FinalizeStudy message);

    /// <summary>A webhook delivery that failed is due for its next attempt.</summary>
    Task RetryWebhook(RetryWebhook message);

    /// <summary>A study notification whose SNS publish failed is due for its next attempt.</summary>
    Task RetryNotification(RetryNotification message);

    /// <summary>A study report whose write to S3 failed is due for its next attempt.</summary>
    Task RetryReport(RetryReport message);
}
