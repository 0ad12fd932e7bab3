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
    /// <summary>What <see cref="DicomImageRenderer"/> finds in a run's parses for the bytes this step wrote: their file, in memory.</summary>
    internal const string WrittenFileParse = "dicom-file";

    // Room for what de-identification adds (marker attributes, longer replaced values) before the stream must grow.
    private const int OutputSlack = 16 * 1024;

    public Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken) =>
        DeidentifyAsync(dicom, new RunParses(), cancellationToken);

    public Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, RunParses parses, CancellationToken cancellationToken)
    {
        DeidentificationResult result;
        var output = new MemoryStream(dicom.Length + OutputSlack);
        try
        {
            result = deidentifier.Deidentify(DicomFile.Read(dicom));
            result.File.Save(output);
        }
        catch (Exception e) when (e is DicomFormatException or DicomDataException or InvalidDataException or ArgumentException)
        {
            // Messages from the toolkit name tags and offsets, never values.
            throw StepFailure.Permanent("deidentification-failed", e.Message, e);
        }
        // The written bytes in the stream's own buffer (no copy); nothing writes to it after this.
        var written = new ReadOnlyMemory<byte>(output.GetBuffer(), 0, checked((int)output.Length));
        parses.Add(written, WrittenFileParse, result.File);

        var data = result.File.Dataset;
        string Uid(DicomTag tag) => data.GetStringOrDefault(tag)?.Trim() is { Length: > 0 } uid
            ? uid
            : throw StepFailure.Permanent("deidentification-failed", $"{tag} is missing after de-identification");

        var counts = result.Audit.Entries
            .GroupBy(e => e.Outcome.ToString())
            .ToDictionary(g => g.Key, g => g.Count());
        return Task.FromResult(new DeidentifiedInstance(
            written,
            Uid(DicomTag.StudyInstanceUID),
            Uid(DicomTag.SeriesInstanceUID),
            Uid(DicomTag.SOPInstanceUID),
            result.Audit.BurnedInAnnotationRisk.AtRisk,
            counts));
    }
}
