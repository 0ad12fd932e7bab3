using MedImaging.Studies;

namespace MedImaging.Api.Studies;

/// <summary>
/// GET /api/studies/{id}: the study's status, its study-level timeline, its report (a presigned link once published)
/// and its instances with their step timelines, progress while working and results once finished. Once published,
/// <see cref="Notification"/> (SNS) and <see cref="Webhook"/> say whether each was delivered, is being retried or failed
/// (attempts, last HTTP status, error code); null when that channel is not configured or not attempted yet: both wait
/// until <see cref="ReportDelivery"/> says the report was written (delivered) or failed for good. <see cref="Report"/>
/// links to the report once it is written. <see cref="Outcomes"/> counts the finished instances that were routed, quarantined
/// or failed; an instance routed to quarantine shows the status "quarantined", never "done".
/// </summary>
public sealed record StudyResponse(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    int? ExpectedInstances,
    DownloadLink? Report,
    IReadOnlyList<InstanceResponse> Instances,
    IReadOnlyList<StudyEvent> Timeline,
    DeliveryStatus? Notification = null,
    DeliveryStatus? Webhook = null,
    DeliveryStatus? ReportDelivery = null,
    InstanceOutcomes? Outcomes = null);

public sealed record InstanceResponse(
    string Id,
    string Status,
    string ContentType,
    long Size,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StepRecord> Steps,
    string? Error,
    InstanceProgressView? Progress,
    InstanceResultView? Result);
