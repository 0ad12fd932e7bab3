using System.Collections.Concurrent;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// States of recently run studies, kept after a turn that saved, so the study's next turn on this silo reads one
/// version number instead of every instance item (which made a study's cost grow with the square of its size).
/// A turn takes its study's entry out and puts it back only after it saved: a failed turn, or one that changed
/// nothing durable, leaves no entry, and a stale entry (another silo wrote since) is dropped and read afresh.
/// </summary>
public sealed class StudyStateCache(int capacity = StudyStateCache.DefaultCapacity)
{
    public const int DefaultCapacity = 64;

    private readonly ConcurrentDictionary<string, DynamoStudyState> _states = new(StringComparer.Ordinal);

    public DynamoStudyState? Take(string studyKey) => _states.TryRemove(studyKey, out var state) ? state : null;

    public void Keep(string studyKey, DynamoStudyState state)
    {
        if (_states.Count >= capacity)
        {
            // Any entry will do: a dropped state only costs one full read later.
            foreach (var key in _states.Keys.Take(_states.Count - capacity + 1)) _states.TryRemove(key, out _);
        }
        _states[studyKey] = state;
    }
}
