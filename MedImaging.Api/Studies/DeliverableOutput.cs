using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Api.Studies;

/// <summary>Why an instance's output cannot be handed out.</summary>
public enum OutputUnavailable
{
    UnknownInstance,
    NotFinished,
    Withheld,
    NoSuchOutput,
}

/// <summary>
/// One output of a finished instance that may be handed out (de-identified, not quarantined, not failed), or why not:
/// the lookup the rendered-image and DICOM endpoints share.
/// </summary>
public sealed record DeliverableOutput(ObjectLocation? Location, OutputUnavailable? Unavailable)
{
    public static async Task<DeliverableOutput> FindAsync(StudyTable studies, string studyId, string instanceId, string kind, CancellationToken cancellationToken)
    {
        var snapshot = StudyKeys.IsValid(studyId) && StudyKeys.IsValid(instanceId) ? await studies.LoadAsync(studyId, cancellationToken) : null;
        var instance = snapshot?.Instances.FirstOrDefault(i => i.InstanceId == instanceId);
        if (instance is null) return new(null, OutputUnavailable.UnknownInstance);
        var result = StoredInstanceState.ResultOf(instance);
        if (result is null) return new(null, OutputUnavailable.NotFinished);
        if (!StudyResponseBuilder.IsDeliverable(result)) return new(null, OutputUnavailable.Withheld);
        var output = result.Outputs.FirstOrDefault(o => OutputKinds.Of(o.Key) == kind);
        return output is null ? new(null, OutputUnavailable.NoSuchOutput) : new(output, null);
    }
}
