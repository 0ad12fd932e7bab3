using System.Diagnostics;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Silo.Grains;
using MedImaging.Silo.Telemetry;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// Runs one turn: activates the message's study grain with its state read from DynamoDB, invokes the method the
/// message stands for, and returns once the grain has saved. A state kept from this silo's previous turn of the
/// study is used only if the study's version in DynamoDB is still the one it saved, so a turn always sees the
/// latest state whichever silo ran the previous one. A turn whose messages are all on their first delivery (a known
/// receive count of exactly 1) says so to the grain: the instances it brings in cannot have outputs of an earlier run.
/// Such a turn that opens with the first message of a study the Api just created (<see cref="InstanceReceived.NewStudy"/>)
/// starts from the Api's stub without reading it: nothing of the study can have been saved before its first message's
/// turn, unless another upload's message overtook it, and then the save (conditional on the stub's version) fails and
/// the turn comes back as a redelivery, which reads.
/// </summary>
public sealed class StudyGrainDispatcher(IServiceProvider services, StudyTable table, StudyStateCache states)
{
    public Task DispatchAsync(ReceivedStudyMessage received, StudyMessage message, CancellationToken cancellationToken) =>
        DispatchAsync([received], [message], cancellationToken);

    /// <summary>
    /// One turn for several messages of one study: instance messages (see <see cref="RunsInOneTurn"/>) go to the grain
    /// together; any other message must come alone.
    /// </summary>
    public async Task DispatchAsync(IReadOnlyList<ReceivedStudyMessage> received, IReadOnlyList<StudyMessage> messages, CancellationToken cancellationToken)
    {
        var first = messages[0];
        ActivityContext.TryParse(received[0].TraceParent, null, out var parent);
        using var activity = SiloTelemetry.ActivitySource.StartActivity($"StudyGrain.{first.GetType().Name}", ActivityKind.Consumer, parent);
        activity?.SetTag("medimaging.study_ref", StudyKeys.LogRef(first.StudyKey));
        activity?.SetTag("messaging.message.id", received[0].MessageId);
        activity?.SetTag("messaging.batch.message_count", messages.Count);

        var firstDelivery = received.All(r => r.ReceiveCount == 1);
        var state = states.Take(first.StudyKey);
        if (state is null && firstDelivery && first is InstanceReceived { NewStudy: true } opening)
        {
            state = new DynamoStudyState(table, first.StudyKey);
            state.AssumeStub(StudyRecord.New(opening.StudyKey, opening.ReceivedAt));
            activity?.SetTag("medimaging.state_source", "assumed-stub");
        }
        else if (state is not null && await state.IsCurrentAsync(cancellationToken))
        {
            activity?.SetTag("medimaging.state_source", "cached");
        }
        else
        {
            state = new DynamoStudyState(table, first.StudyKey);
            await state.ReadStateAsync(cancellationToken);
            activity?.SetTag("medimaging.state_source", "read");
        }
        var versionRead = state.Etag;
        await RunGrainAsync(state, first, messages, firstDelivery);
        // Kept only when the turn saved: a turn that returned without saving may have changed the state in memory.
        if (state.Etag != versionRead) states.Keep(first.StudyKey, state);
    }

    private async Task RunGrainAsync(DynamoStudyState state, StudyMessage first, IReadOnlyList<StudyMessage> messages, bool firstDelivery)
    {
        var grain = ActivatorUtilities.CreateInstance<StudyGrain>(services, (IPersistentState<StudyState>)state);
        grain.Activate(first.StudyKey);
        IStudyGrain reference = grain;
        if (messages.Count > 1 || RunsInOneTurn(first))
        {
            if (!messages.All(RunsInOneTurn)) throw new ArgumentException("Only instance messages share a turn.", nameof(messages));
            await reference.RunInstances(messages, firstDelivery);
            return;
        }
        await (first switch
        {
            FinalizeStudy m => reference.Finalize(m),
            RetryWebhook m => reference.RetryWebhook(m),
            RetryNotification m => reference.RetryNotification(m),
            RetryReport m => reference.RetryReport(m),
            _ => throw new NotSupportedException($"No grain method for {first.GetType().Name}."),
        });
    }

    /// <summary>Messages whose instances may run together in one turn.</summary>
    public static bool RunsInOneTurn(StudyMessage message) => message is InstanceReceived or ContinueInstance;
}
