using MedImaging.Dicom;
using MedImaging.Dicom.Deidentification;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Adapters;

/// <summary>
/// The de-identify step over MedImaging.Dicom.Deidentification: PS3.15 basic profile with the configured
/// options, UIDs remapped with the secret so every instance of a study gets the same new Study UID.
/// </summary>
public sealed class DicomDeidentifyStep(Deidentifier deidentifier) : IInstanceDeidentifier
{
    /// <summary>What <see cref="DicomImageRenderer"/> finds in a run's parses for an instance this step de-identified: its file, in memory.</summary>
    internal const string WrittenFileParse = "dicom-file";

    public Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken) =>
        DeidentifyAsync(dicom, new RunParses(), cancellationToken);

    public Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, RunParses parses, CancellationToken cancellationToken) =>
        Task.FromResult(Deidentify(() => DicomFile.Read(dicom), parses));

    /// <remarks>
    /// Pixel data and other bulk values stay in the file: the output streams them from there when written, so memory does
    /// not grow with the file.
    /// </remarks>
    public Task<DeidentifiedInstance> DeidentifyFileAsync(string path, RunParses parses, CancellationToken cancellationToken) =>
        Task.FromResult(Deidentify(() => DicomFile.Open(path), parses));

    private DeidentifiedInstance Deidentify(Func<DicomFile> read, RunParses parses)
    {
        DeidentificationResult result;
        try
        {
            result = deidentifier.Deidentify(read());
            // Written once, to nowhere, so that a file that cannot be written fails here (and goes to quarantine) rather
            // than when its output is written after routing. Bulk values are streamed through, not kept.
            result.File.Save(Stream.Null);
        }
        catch (Exception e) when (e is DicomFormatException or DicomDataException or InvalidDataException or ArgumentException)
        {
            // Messages from the toolkit name tags and offsets, never values.
            throw StepFailure.Permanent("deidentification-failed", e.Message, e);
        }

        var file = result.File;
        var data = file.Dataset;
        string Uid(DicomTag tag) => data.GetStringOrDefault(tag)?.Trim() is { Length: > 0 } uid
            ? uid
            : throw StepFailure.Permanent("deidentification-failed", $"{tag} is missing after de-identification");

        var counts = result.Audit.Entries
            .GroupBy(e => e.Outcome.ToString())
            .ToDictionary(g => g.Key, g => g.Count());
        var instance = new DeidentifiedInstance(
            stream => file.Save(stream),
            Uid(DicomTag.StudyInstanceUID),
            Uid(DicomTag.SeriesInstanceUID),
            Uid(DicomTag.SOPInstanceUID),
            result.Audit.BurnedInAnnotationRisk.AtRisk,
            counts);
        parses.Add(instance.WriteTo, WrittenFileParse, file);
        return instance;
    }
}
