using MedImaging.Api.Delivery;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Dynamo;
using MedImaging.Studies;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using InstanceStatus = MedImaging.Pipeline.Execution.InstanceStatus;
using AwsInstanceStatus = MedImaging.Studies.InstanceStatus;

namespace MedImaging.Api.Studies;

/// <summary>Turns a study snapshot into its API view, with presigned links for everything that may be downloaded.</summary>
public sealed class StudyResponseBuilder(UrlSigner signer, ResourceNames resources)
{
    public async Task<StudyResponse> BuildAsync(StudySnapshot snapshot)
    {
        var study = snapshot.Study;
        var report = study.ReportKey is { Length: > 0 } reportKey && resources.ProcessedBucket.Length > 0
            ? Link(await signer.DownloadAsync(resources.ProcessedBucket, reportKey))
            : null;
        var instances = new List<InstanceResponse>();
        foreach (var instance in snapshot.Instances.OrderBy(i => i.ReceivedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal))
            instances.Add(await BuildAsync(instance));
        var outcomes = new InstanceOutcomes(
            instances.Count(i => i.Status == AwsInstanceStatus.Done),
            instances.Count(i => i.Status == AwsInstanceStatus.Quarantined),
            instances.Count(i => i.Status == AwsInstanceStatus.Failed));
        return new StudyResponse(study.StudyKey, study.Status, study.CreatedAt, study.UpdatedAt, study.CompletedAt,
            study.ExpectedInstances, report, instances, study.Timeline ?? [], study.Notification, study.Webhook, study.ReportDelivery, outcomes);
    }

    private async Task<InstanceResponse> BuildAsync(InstanceRecord instance)
    {
        var result = StoredInstanceState.ResultOf(instance);
        var progress = result is null ? StoredInstanceState.ProgressOf(instance) : null;
        var status = instance.Status == AwsInstanceStatus.Done && result?.Routing is { Destination: Destination.Quarantine }
            ? AwsInstanceStatus.Quarantined
            : instance.Status;
        return new InstanceResponse(
            instance.InstanceId, status, instance.ContentType, instance.Size, instance.ReceivedAt, instance.UpdatedAt,
            instance.Steps ?? [], instance.Error,
            progress is { IsFinished: false } ? new InstanceProgressView(progress.NextStep?.Slug(), progress.Attempt) : null,
            result is null ? null : await ViewAsync(result));
    }

    private async Task<InstanceResultView> ViewAsync(InstanceResult result)
    {
        var outputs = new List<OutputView>();
        foreach (var output in result.Outputs)
        {
            var link = IsDeliverable(result) ? Link(await signer.DownloadAsync(output.Bucket, output.Key)) : null;
            outputs.Add(new OutputView(OutputKinds.Of(output.Key), output.Bucket, output.Key, link));
        }
        return new InstanceResultView(
            result.Status == InstanceStatus.Completed ? "completed" : result.Status == InstanceStatus.Failed ? "failed" : "in-progress",
            result.InstanceUid,
            result.SeriesUid,
            result.Kind?.ToString().ToLowerInvariant(),
            result.Modality,
            result.SopClassUid,
            result.BodyPartExamined,
            result.Analysis is { } a
                ? new AnalysisView(a.Analyzer, a.Source, a.Class, a.Labels.Select(l => new LabelView(l.Name, l.Confidence)).ToList())
                : null,
            result.Routing is { } r ? new RoutingView(DestinationName(r.Destination), r.Reason) : null,
            result.Deidentification is { } d ? new DeidentificationView(d.Failed, d.BurnedInPhiRisk, d.ActionCounts, d.FailureCode) : null,
            outputs,
            result.FailureCode is null && result.FailureMessage is null ? null : new FailureView(result.FailureCode, result.FailureMessage));
    }

    /// <summary>
    /// Only de-identified outputs outside quarantine are handed out: a quarantined object may be an original
    /// (de-identification failed) or show burned-in PHI.
    /// </summary>
    public static bool IsDeliverable(InstanceResult result) =>
        result.Status == InstanceStatus.Completed
        && result.Routing is { Destination: not Destination.Quarantine }
        && result.Deidentification is { Failed: false };

    public static string DestinationName(Destination destination) => destination.ToString().ToLowerInvariant();

    private static DownloadLink Link(PresignedUrl url) => new(url.Url, url.ExpiresAt);
}
