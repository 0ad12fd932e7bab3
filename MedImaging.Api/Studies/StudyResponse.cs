using MedImaging.Aws.Studies;

namespace MedImaging.Api.Studies;

/// <summary>GET /api/studies/{id}: the study's status, its instances with their step timelines, and its events.</summary>
public sealed record StudyResponse(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<InstanceResponse> Instances,
    IReadOnlyList<StudyEvent> Timeline);

public sealed record InstanceResponse(
    string Id,
    string Status,
    string ContentType,
    long Size,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<StepRecord> Steps,
    string? Error)
{
    public static InstanceResponse From(InstanceRecord instance) => new(
        instance.InstanceId, instance.Status, instance.ContentType, instance.Size, instance.ReceivedAt, instance.Steps ?? [], instance.Error);
}
