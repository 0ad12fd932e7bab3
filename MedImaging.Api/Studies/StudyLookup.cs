using MedImaging.Studies;

namespace MedImaging.Api.Studies;

/// <summary>
/// Finds a study for the endpoints that read one: its grain answers with the study as it stands now (the grain saves
/// an upload's instances before the upload's 202, so a client that asks at once finds its study).
/// </summary>
public sealed class StudyLookup(StudyGrainCalls grains)
{
    /// <returns>The study, or null when the id is invalid or no study has it.</returns>
    /// <exception cref="StudyServiceUnavailableException">The study's grain did not answer.</exception>
    public async Task<StudySnapshot?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!StudyKeys.IsValid(id)) return null;
        cancellationToken.ThrowIfCancellationRequested();
        return await grains.CallAsync(() => grains.Study(id).GetSnapshot());
    }
}
