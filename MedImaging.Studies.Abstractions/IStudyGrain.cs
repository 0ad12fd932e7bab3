namespace MedImaging.Studies;

/// <summary>
/// One grain per study (key: the StudyInstanceUID, or the upload id of plain images): the single writer of the study's
/// items in the study table. Its calls return once what they changed is saved; the instances' steps run afterwards.
/// </summary>
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Instances whose bytes are in the ingest bucket: recorded (an instance already known with the same content is a
    /// repeat and changes nothing), saved, then processed.
    /// </summary>
    Task Receive(IReadOnlyList<InstanceReceived> instances);

    /// <summary>The client says the study is whole: it completes once every instance is done or failed.</summary>
    Task Finalize(FinalizeStudy message);

    /// <summary>A dead-lettered instance gets another run from its first step; false if the study does not know it as failed.</summary>
    Task<bool> Redrive(InstanceReceived instance);

    /// <summary>The study as the grain holds it now; null for a study never seen.</summary>
    Task<StudySnapshot?> GetSnapshot();
}
