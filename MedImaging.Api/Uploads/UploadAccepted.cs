namespace MedImaging.Api.Uploads;

/// <summary>
/// The 202 answer: the first study's id and status (the Location header points at it) and, as one request
/// may carry several studies, every study of the upload with its instance count.
/// </summary>
public sealed record UploadAccepted(string Id, string Status, IReadOnlyList<AcceptedStudy> Studies);

public sealed record AcceptedStudy(string Id, string Status, int Instances);
