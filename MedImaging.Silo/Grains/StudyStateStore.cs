using MedImaging.Aws.Dynamo;
using MedImaging.Studies;

namespace MedImaging.Silo.Grains;

/// <summary>
/// The study grain's state in the study table: a study item plus one item per instance, so a study of any size stays
/// far from DynamoDB's item limit. A write saves the study item conditionally on the version read, together with the
/// instances changed since the last write (the grain says which, so a save costs what changed, not the study's size):
/// a second activation of the study (during a membership change) cannot overwrite what the first saved.
/// </summary>
public sealed class StudyStateStore(StudyTable table, string studyKey)
{
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private long _version;

    public StudyRecord? Study { get; set; }

    public Dictionary<string, InstanceRecord> Instances { get; } = new(StringComparer.Ordinal);

    public long Version => _version;

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await table.LoadAsync(studyKey, cancellationToken);
        Study = snapshot?.Study;
        Instances.Clear();
        foreach (var instance in snapshot?.Instances ?? []) Instances[instance.InstanceId] = instance;
        _changed.Clear();
        _version = snapshot?.Version ?? 0;
    }

    public void Put(InstanceRecord instance)
    {
        Instances[instance.InstanceId] = instance;
        _changed.Add(instance.InstanceId);
    }

    /// <summary>
    /// Saves the study and the instances changed so far; more than one request's worth of instances goes in several
    /// saves, the study item last. What changes while the write is in flight waits for the next write.
    /// </summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var study = Study ?? throw new InvalidOperationException("A study state needs its study record before it is written.");
        var changed = _changed.Select(id => Instances[id]).ToList();
        _changed.Clear();
        try
        {
            for (var start = 0; start == 0 || start < changed.Count; start += StudyTable.MaxInstancesPerSave)
            {
                var chunk = changed.Skip(start).Take(StudyTable.MaxInstancesPerSave).ToList();
                _version = await table.SaveAsync(study with { InstanceCount = Instances.Count }, chunk, _version, cancellationToken);
            }
        }
        catch
        {
            foreach (var instance in changed) _changed.Add(instance.InstanceId);
            throw;
        }
    }

    public StudySnapshot? Snapshot() =>
        Study is { } study ? new StudySnapshot(study with { InstanceCount = Instances.Count }, [.. Instances.Values], _version) : null;
}
