namespace MedImaging.Api.Studies;

/// <summary>
/// What the pipeline concluded about one instance, PHI-free: it names the instance by its de-identified UIDs only.
/// </summary>
public sealed record InstanceResultView(
    string Status,
    string DeidentifiedInstanceUid,
    string? DeidentifiedSeriesUid,
    string? Kind,
    string? Modality,
    string? SopClassUid,
    string? BodyPartExamined,
    AnalysisView? Analysis,
    RoutingView? Routing,
    DeidentificationView? Deidentification,
    IReadOnlyList<OutputView> Outputs,
    FailureView? Failure);

/// <summary>Which analyzer classified the image, from what, and with which labels (confidence in percent).</summary>
public sealed record AnalysisView(string Analyzer, string Source, string Class, IReadOnlyList<LabelView> Labels);

public sealed record LabelView(string Name, double Confidence);

/// <summary>The destination (xray, ctscan, general, quarantine) and the rule or quarantine reason that chose it.</summary>
public sealed record RoutingView(string Destination, string Rule);

/// <summary>Whether de-identification worked, whether burned-in PHI is suspected, and how many attributes each action touched.</summary>
public sealed record DeidentificationView(bool Failed, bool BurnedInPhiRisk, IReadOnlyDictionary<string, int> ActionCounts, string? FailureCode);

/// <summary>
/// One delivered object. <see cref="Download"/> is a presigned GET URL, absent when the object is withheld
/// (quarantined outputs may carry PHI and are never handed out).
/// </summary>
public sealed record OutputView(string Kind, string Bucket, string Key, DownloadLink? Download);

public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);

public sealed record FailureView(string? Code, string? Message);

/// <summary>Where a still-working instance is: the step it runs next and which attempt that will be.</summary>
public sealed record InstanceProgressView(string? NextStep, int Attempt);
