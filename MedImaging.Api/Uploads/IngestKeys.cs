namespace MedImaging.Api.Uploads;

/// <summary>
/// Where POST /api/studies stores an accepted file: incoming/{study}/{instance} in the ingest bucket. The key is
/// deterministic, so the objects under a study's prefix say that the study has accepted uploads.
/// </summary>
public static class IngestKeys
{
    public static string Instance(string studyKey, string instanceId) => $"incoming/{studyKey}/{instanceId}";

    /// <summary>Every accepted file of the study, and nothing else: a study key never contains '/'.</summary>
    public static string StudyPrefix(string studyKey) => $"incoming/{studyKey}/";
}
