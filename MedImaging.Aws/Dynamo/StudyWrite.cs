using Amazon.DynamoDBv2.Model;

namespace MedImaging.Aws.Dynamo;

/// <summary>
/// One study's save waiting for its turn in a group commit: the study item's conditional put, the instance items'
/// puts, and the outcome its caller awaits (the new version, or why it was not written).
/// </summary>
internal sealed class StudyWrite(string studyKey, Put studyPut, IReadOnlyList<Put> instancePuts, long expectedVersion)
{
    private readonly TaskCompletionSource<long> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string StudyKey { get; } = studyKey;

    public Put StudyPut { get; } = studyPut;

    public IReadOnlyList<Put> InstancePuts { get; } = instancePuts;

    public long ExpectedVersion { get; } = expectedVersion;

    public int ItemCount => 1 + InstancePuts.Count;

    public long EstimatedBytes { get; } = ItemSize.Estimate(studyPut.Item) + instancePuts.Sum(p => ItemSize.Estimate(p.Item));

    /// <summary>Set when a transaction this write shared failed without saying which write caused it: it goes alone next.</summary>
    public bool Alone { get; set; }

    /// <summary>When it joined the batcher's queue (a <see cref="TimeProvider"/> timestamp).</summary>
    public long Arrived { get; set; }

    public Task<long> Outcome => _outcome.Task;

    public IEnumerable<TransactWriteItem> TransactItems =>
        InstancePuts.Select(p => new TransactWriteItem { Put = p }).Prepend(new TransactWriteItem { Put = StudyPut });

    public void Saved() => _outcome.TrySetResult(ExpectedVersion + 1);

    public void Failed(Exception error) => _outcome.TrySetException(error);

    public void Cancelled(CancellationToken cancellationToken) => _outcome.TrySetCanceled(cancellationToken);
}
