namespace MedImaging.Dicom.Imaging.Tests;

/// <summary>
/// Tests that measure the process's resident memory run alone: other test classes running in parallel would
/// grow it too and make the measurement fail for reasons that are not the test's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Resident memory measurements";
}
