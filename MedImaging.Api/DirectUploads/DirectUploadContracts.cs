namespace MedImaging.Api.DirectUploads;

/// <summary>
/// Body of POST /api/uploads: the files the client will PUT straight to S3, and whether the studies they form are
/// whole once completed (default true: each is finalized with the number of instances of this upload).
/// </summary>
public sealed record CreateUploadRequest(IReadOnlyList<DeclaredFile>? Files, bool? Finalize);

/// <param name="Name">The client's own label for the file, echoed back; never stored beyond the upload's manifest.</param>
/// <param name="Size">Bytes the client will send; the completed object must have exactly this size.</param>
public sealed record DeclaredFile(string? Name, long Size);

/// <summary>The 201 answer: where to PUT each file, until when, and where to complete the upload.</summary>
public sealed record UploadCreated(string Id, DateTimeOffset ExpiresAt, IReadOnlyList<UploadTarget> Files, string CompleteUrl);

/// <summary>
/// PUT the file's bytes to <see cref="Url"/> (no other headers needed); or, for a file above the multipart threshold,
/// PUT each part's bytes (<see cref="UploadPartTarget.Offset"/>, <see cref="UploadPartTarget.Size"/>) to its URL, keep
/// the ETag header of each answer, and list them when completing (<see cref="CompleteUploadRequest"/>).
/// </summary>
public sealed record UploadTarget(int Index, string? Name, long Size, string Method, string? Url, IReadOnlyList<UploadPartTarget>? Parts = null);

/// <summary>One part of a multipart direct upload: bytes [Offset, Offset + Size) of the file.</summary>
public sealed record UploadPartTarget(int PartNumber, long Offset, long Size, string Url);

/// <summary>
/// Optional body of POST /api/uploads/{id}/complete: for each multipart file, the ETag S3 answered for each part
/// (S3 assembles the object from exactly these; the Api does not list parts).
/// </summary>
public sealed record CompleteUploadRequest(IReadOnlyList<CompletedFile>? Files);

public sealed record CompletedFile(int Index, IReadOnlyList<CompletedPart>? Parts);

public sealed record CompletedPart(int PartNumber, string? ETag);

/// <summary>One refused file of a completion, listed in the problem's "files" extension.</summary>
public sealed record RefusedFile(int Index, int Status, string Title, string Detail, string Type, long? Limit);
