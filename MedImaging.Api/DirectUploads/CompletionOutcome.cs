using MedImaging.Api.Uploads;

namespace MedImaging.Api.DirectUploads;

/// <summary>What completing a direct upload came to.</summary>
public abstract record CompletionOutcome
{
    public sealed record UnknownUpload : CompletionOutcome;

    /// <param name="AlreadyCompleted">An earlier completion announced it; nothing was sent again.</param>
    public sealed record Accepted(UploadAccepted Studies, bool AlreadyCompleted) : CompletionOutcome;

    /// <summary>At least one file is missing or unacceptable; nothing was announced, the client may re-PUT and complete again.</summary>
    public sealed record Refused(IReadOnlyList<RefusedFile> Files) : CompletionOutcome;
}
