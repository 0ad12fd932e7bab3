using System.Diagnostics;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Silo.Grains;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// Runs one turn: activates the message's study grain with its state read from DynamoDB, invokes the method the
/// message stands for, and returns once the grain has saved. Activations are not cached, so a turn always sees
/// the latest state whichever silo ran the previous one.
/// </summary>
public sealed class StudyGrainDispatcher(IServiceProvider services, StudyTable table)
{
    public static readonly ActivitySource ActivitySource = new("MedImaging.Silo");

    public async Task DispatchAsync(ReceivedStudyMessage received, StudyMessage message, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(received.TraceParent, null, out var parent);
        using var activity = ActivitySource.StartActivity($"StudyGrain.{message.GetType().Name}", ActivityKind.Consumer, parent);
        activity?.SetTag("medimaging.study_ref", StudyKeys.LogRef(message.StudyKey));
        activity?.SetTag("messaging.message.id", received.MessageId);

        var state = new DynamoStudyState(table, message.StudyKey);
        await state.ReadStateAsync(cancellationToken);
        var grain = ActivatorUtilities.CreateInstance<StudyGrain>(services, (IPersistentState<StudyState>)state);
        grain.Activate(message.StudyKey);
        IStudyGrain reference = grain;
        await (message switch
        {
            InstanceReceived m => reference.InstanceReceived(m),
            FinalizeStudy m => reference.Finalize(m),
            _ => throw new NotSupportedException($"No grain method for {message.GetType().Name}."),
        });
    }
}
