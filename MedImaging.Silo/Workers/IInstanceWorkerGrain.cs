namespace MedImaging.Silo.Workers;

/// <summary>
/// Runs one instance's pipeline steps (validate, extract, de-identify, render, analyze, route, write outputs) for its
/// study grain, on whichever silo has the fewest activations: one study's instances spread over every silo's cores.
/// Stateless: everything it needs comes with the call, everything it did goes back in the answer.
/// </summary>
public interface IInstanceWorkerGrain : IGrainWithStringKey
{
    // A large instance takes longer than Orleans' default 30 s answer timeout; a dead silo still fails the call at once.
    [ResponseTimeout("00:30:00")]
    Task<InstanceRunResult> Run(InstanceWork work);
}
