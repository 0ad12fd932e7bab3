using System.Globalization;
using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using MedImaging.Silo.Grains;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// <see cref="IPersistentState{TState}"/> of a study grain in the study table. A write saves the study item
/// conditionally on the version read, together with the instance items that changed since the read.
/// </summary>
public sealed class DynamoStudyState(StudyTable table, string studyKey) : IPersistentState<StudyState>
{
    private readonly Dictionary<string, string> _savedFingerprints = new(StringComparer.Ordinal);
    private long _version;

    public StudyState State { get; set; } = new();

    public string? Etag => _version == 0 ? null : _version.ToString(CultureInfo.InvariantCulture);

    public bool RecordExists => _version > 0;

    /// <summary>True when nobody wrote the study since this state was read or saved, so it can serve another turn as it is.</summary>
    public async Task<bool> IsCurrentAsync(CancellationToken cancellationToken = default) =>
        _version > 0 && await table.GetVersionAsync(studyKey, cancellationToken) == _version;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await table.LoadAsync(studyKey, cancellationToken);
        var state = new StudyState { Study = snapshot?.Study };
        _savedFingerprints.Clear();
        foreach (var instance in snapshot?.Instances ?? [])
        {
            state.Instances[instance.InstanceId] = instance;
            _savedFingerprints[instance.InstanceId] = StudyItemSerializer.Fingerprint(instance);
        }
        State = state;
        _version = snapshot?.Version ?? 0;
    }

    /// <summary>
    /// Takes the study to be the Api's stub as it created it (version 0, no instances) instead of reading it. The save
    /// is conditional on version 0, so if anyone saved the study since, it fails with a concurrency conflict.
    /// </summary>
    public void AssumeStub(StudyRecord stub)
    {
        State = new StudyState { Study = stub };
        _savedFingerprints.Clear();
        _version = 0;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var study = State.Study ?? throw new InvalidOperationException("A study state needs its study record before it is written.");
        // Each instance's fingerprint is computed once: what decides it changed is also what is remembered once it is saved.
        var changed = State.Instances.Values
            .Select(i => (Instance: i, Fingerprint: StudyItemSerializer.Fingerprint(i)))
            .Where(c => !_savedFingerprints.TryGetValue(c.Instance.InstanceId, out var saved) || saved != c.Fingerprint)
            .ToList();
        _version = await table.SaveAsync(study with { InstanceCount = State.Instances.Count }, changed.ConvertAll(c => c.Instance), _version, cancellationToken);
        foreach (var (instance, fingerprint) in changed)
            _savedFingerprints[instance.InstanceId] = fingerprint;
    }
}
