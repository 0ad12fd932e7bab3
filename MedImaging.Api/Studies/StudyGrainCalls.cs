using MedImaging.Studies;

namespace MedImaging.Api.Studies;

/// <summary>The Api's calls to study grains, with a cluster that does not answer turned into <see cref="StudyServiceUnavailableException"/>.</summary>
public sealed class StudyGrainCalls(IClusterClient cluster)
{
    public IStudyGrain Study(string studyKey) => cluster.GetGrain<IStudyGrain>(studyKey);

    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (IsUnavailable(error))
        {
            throw new StudyServiceUnavailableException(error);
        }
    }

    public Task CallAsync(Func<Task> call) => CallAsync(async () =>
    {
        await call();
        return true;
    });

    // No gateway, a gateway or silo gone mid-call, no answer in time: all say "try again later", none says the request was wrong.
    private static bool IsUnavailable(Exception error) =>
        GrainCallFailures.IsUnreachable(error) || error is OrleansException or OperationCanceledException { CancellationToken.IsCancellationRequested: false };
}
