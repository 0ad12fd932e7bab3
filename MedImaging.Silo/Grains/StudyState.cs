using MedImaging.Aws.Studies;

namespace MedImaging.Silo.Grains;

/// <summary>
/// The study grain's state: the study record plus one record per instance (stored as separate items,
/// so a study of any size fits DynamoDB's item limit). Null <see cref="Study"/> means a study never seen.
/// </summary>
public sealed class StudyState
{
    public StudyRecord? Study { get; set; }

    public Dictionary<string, InstanceRecord> Instances { get; } = new(StringComparer.Ordinal);
}
