using MedImaging.Aws.Studies;

namespace MedImaging.Aws.StudyQueue;

/// <summary>The study FIFO queue as the Api and the grain runtime see it (MessageGroupId = study key).</summary>
public interface IStudyQueue
{
    /// <summary>
    /// Sends a message to the study's grain; a positive <paramref name="delay"/> (any length) makes it a durable timer,
    /// delivered no earlier than the delay through the timer queue. Messages with the same deduplication id within
    /// five minutes of each other are delivered once, so a retry needs an id of its own per attempt.
    /// </summary>
    Task SendAsync(StudyMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Says that the caller will send soon (dispose it once done): a send of another caller that would leave alone may wait a
    /// few milliseconds to leave with it. A queue that does not coalesce sends ignores it.
    /// </summary>
    IDisposable ExpectSend() => NoExpectation.Instance;

    /// <summary>
    /// Sends messages without delay, in order (each study's keep theirs), in as few requests as the queue allows; throws
    /// if any was not accepted (some of the others may have been: each has its deduplication id, so sending all again is safe).
    /// </summary>
    Task SendAsync(IReadOnlyList<StudyMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Long-polls for up to <paramref name="maxMessages"/> messages; a study's messages come in order.</summary>
    Task<IReadOnlyList<ReceivedStudyMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Removes a handled message; call only once the grain's state is saved.</summary>
    Task DeleteAsync(ReceivedStudyMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Removes handled messages in as few requests as the queue allows; call only once their grains' states are saved.
    /// </summary>
    /// <returns>The messages that were not removed, each with why (empty when all were).</returns>
    Task<IReadOnlyList<StudyMessageDeleteFailure>> DeleteAsync(IReadOnlyList<ReceivedStudyMessage> messages, CancellationToken cancellationToken);

    /// <summary>Keeps a message invisible to other consumers for <paramref name="visibility"/> from now.</summary>
    Task SetVisibilityAsync(ReceivedStudyMessage message, TimeSpan visibility, CancellationToken cancellationToken);

    /// <summary>Moves an unhandleable message to the dead-letter queue and deletes it from the study queue.</summary>
    Task DeadLetterAsync(ReceivedStudyMessage message, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a message that was handled but could not be processed (an instance failed for good) on the dead-letter
    /// queue with its reason, for an operator to inspect or replay; the same message and reason land there once.
    /// </summary>
    Task SendToDeadLetterAsync(StudyMessage message, string reason, CancellationToken cancellationToken);
}

file sealed class NoExpectation : IDisposable
{
    public static readonly NoExpectation Instance = new();

    public void Dispose()
    {
    }
}
