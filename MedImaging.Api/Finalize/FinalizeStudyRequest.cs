namespace MedImaging.Api.Finalize;

/// <summary>Optional body of POST /api/studies/{id}/finalize: how many instances the study should have.</summary>
public sealed record FinalizeStudyRequest(int? ExpectedInstances);

/// <summary>The 202 answer to a finalize: the study's status when it was asked.</summary>
public sealed record FinalizeAccepted(string Id, string Status);
