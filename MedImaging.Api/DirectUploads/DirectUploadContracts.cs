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

/// <summary>PUT the file's bytes to <see cref="Url"/> (no other headers needed).</summary>
public sealed record UploadTarget(int Index, string? Name, long Size, string Method, string Url);

/// <summary>One refused file of a completion, listed in the problem's "files" extension.</summary>
public sealed record RefusedFile(int Index, int Status, string Title, string Detail);
