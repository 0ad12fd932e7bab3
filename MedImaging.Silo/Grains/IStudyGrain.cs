using MedImaging.Aws.Studies;
using MedImaging.Silo.Runtime;

namespace MedImaging.Silo.Grains;

/// <summary>One grain per study (key: StudyInstanceUID, or the upload id of plain images). Shaped like an Orleans grain interface.</summary>
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>An instance's bytes are in the ingest bucket: record it and run its steps.</summary>
    Task InstanceReceived(InstanceReceived message);

    /// <summary>The client says the study is whole: complete it once every instance is done or failed.</summary>
    Task Finalize(FinalizeStudy message);
}
