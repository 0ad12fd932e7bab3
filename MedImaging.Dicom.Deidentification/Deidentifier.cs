using System.Collections.Concurrent;
using MedImaging.Dicom.Deidentification.Audit;
using MedImaging.Dicom.Deidentification.Dates;
using MedImaging.Dicom.Deidentification.Engine;
using MedImaging.Dicom.Deidentification.Marking;
using MedImaging.Dicom.Deidentification.PixelData;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;
using MedImaging.Dicom.Deidentification.Uids;

namespace MedImaging.Dicom.Deidentification;

/// <summary>
/// De-identifies instances with the PS3.15 Basic Application Level Confidentiality Profile (Table E.1-1,
/// <see cref="ConfidentialityProfile.Edition"/>) and the options of a <see cref="DeidentificationPolicy"/>.
/// Deterministic: the same input, policy and secret give the same output, and every instance of a study or
/// patient gets the same new UIDs and date offset. Thread-safe; the input file's dataset is modified in place
/// (pixel data and other bulk values are never loaded: they stream from the input when the result is saved).
/// </summary>
public sealed class Deidentifier
{
    private static readonly HashSet<string> EnhancedSopClasses =
    [
        "1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.2.2", "1.2.840.10008.5.1.4.1.1.4.1",
        "1.2.840.10008.5.1.4.1.1.4.3", "1.2.840.10008.5.1.4.1.1.4.4", "1.2.840.10008.5.1.4.1.1.6.2",
        "1.2.840.10008.5.1.4.1.1.12.1.1", "1.2.840.10008.5.1.4.1.1.12.2.1", "1.2.840.10008.5.1.4.1.1.128.1",
        "1.2.840.10008.5.1.4.1.1.130", "1.2.840.10008.5.1.4.1.1.66.4", "1.2.840.10008.5.1.4.1.1.13.1.3",
    ];

    private readonly DeidentificationPolicy _policy;
    private readonly byte[] _secret;
    private readonly ConfidentialityProfile _profile;
    private readonly UidRemapper _remapper;
    private readonly ConcurrentDictionary<(uint Tag, bool Enhanced, bool Nested), (ProfileAction Action, string Rule)> _listedDecisions = new();

    public Deidentifier(DeidentificationPolicy policy, byte[] secret, ConfidentialityProfile? profile = null)
    {
        if (secret.Length == 0)
            throw new ArgumentException("The de-identification secret must not be empty.", nameof(secret));
        _policy = policy.Validate();
        _secret = secret;
        _profile = profile ?? ConfidentialityProfile.Standard;
        _remapper = new UidRemapper(secret);
    }

    /// <exception cref="DeidentificationRefusedException">The policy asks for what cannot be done for this instance.</exception>
    public DeidentificationResult Deidentify(DicomFile file)
    {
        var dataset = file.Dataset;
        var sopClass = dataset.GetStringOrDefault(DicomTag.SOPClassUID)?.Trim() ?? "";
        var context = new DeidentificationContext(
            _policy,
            _profile,
            CompoundActionResolver.Standard,
            _remapper,
            _policy.RetainLongitudinalModifiedDates ? DateShifter.ForPatient(_secret, PatientKey(dataset)) : null,
            NeedsScrubber(_policy) ? TextScrubber.FromDataset(dataset) : TextScrubber.Empty,
            EnhancedSopClasses.Contains(sopClass) || sopClass.StartsWith("1.2.840.10008.5.1.4.1.1.88.", StringComparison.Ordinal),
            _listedDecisions);

        var visualFeatures = RecognizableVisualFeaturesAssessor.Assess(dataset);
        if (_policy.CleanRecognizableVisualFeatures && visualFeatures.AtRisk)
            throw new DeidentificationRefusedException($"Clean Recognizable Visual Features cannot be applied ({visualFeatures.Reason})");

        var pixelDataCleaned = _policy.CleanPixelData && PixelDataCleaner.Apply(dataset, _policy.PixelCleaningRules);
        new DatasetProcessor(context).Process(dataset, "", nested: false);
        DeidentificationMarker.Mark(dataset, _policy, pixelDataCleaned, context.DatesShifted);
        foreach (var tag in DeidentificationMarker.Tags)
        {
            var path = tag.ToString();
            context.Entries.RemoveAll(e => e.Path == path);
            context.Record(path, AuditOutcome.Replaced, "de-identification marker");
        }

        var risk = BurnedInAnnotationAssessor.Assess(dataset, pixelDataCleaned, context.OverlayKept);
        var meta = new DicomFileMetaInformation(dataset, file.TransferSyntax);
        context.Record("(0002,0003)", AuditOutcome.Replaced, "file meta follows the new SOP Instance UID");
        var sopInstanceUid = dataset.GetStringOrDefault(DicomTag.SOPInstanceUID)?.Trim() ?? "";
        var options = _policy.EnabledOptions.Select(o => o.ColumnName()).ToList();
        if (pixelDataCleaned)
            options.Add("clean_pixel_data");
        if (_policy.CleanRecognizableVisualFeatures)
            options.Add("refuse_recognizable_visual_features");
        var audit = new DeidentificationAudit(sopInstanceUid, ConfidentialityProfile.Edition, options, context.Entries, risk, visualFeatures);
        return new DeidentificationResult(new DicomFile(meta, dataset, DicomFileFormat.Part10, preamble: null), audit);
    }

    /// <summary>Only the Clean options put C on free text; the basic profile and the retain options never scrub.</summary>
    private static bool NeedsScrubber(DeidentificationPolicy policy) =>
        policy.CleanDescriptors || policy.CleanStructuredContent || policy.CleanGraphics;

    /// <summary>The patient the date offset belongs to: Patient ID, or the study when the ID is empty.</summary>
    private static string PatientKey(DicomDataset dataset)
    {
        var patientId = dataset.GetStringOrDefault(DicomTag.PatientID)?.Trim();
        if (!string.IsNullOrEmpty(patientId))
            return "patient:" + patientId;
        return "study:" + (dataset.GetStringOrDefault(DicomTag.StudyInstanceUID)?.Trim() ?? "");
    }
}
