namespace MedImaging.Api.Uploads;

/// <summary>
/// The studies this Api process announced lately (a bounded set, oldest forgotten first). A study's first sighting
/// here is most likely its first upload anywhere, which is what <see cref="MedImaging.Aws.Studies.InstanceReceived.NewStudy"/>
/// tells the grain. Being wrong is safe: the grain's first save is conditional on the study being absent, so a study
/// another process (or this one before a restart) saw fails that save and its turn comes back and reads.
/// </summary>
public sealed class RecentStudies(int capacity = RecentStudies.DefaultCapacity)
{
    public const int DefaultCapacity = 65_536;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>True the first time the study is seen (since it was last forgotten); remembers it.</summary>
    public bool FirstSighting(string studyKey)
    {
        lock (_gate)
        {
            if (!_seen.Add(studyKey)) return false;
            _order.Enqueue(studyKey);
            if (_order.Count > capacity) _seen.Remove(_order.Dequeue());
            return true;
        }
    }
}
