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
    public Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken)
    {
        DeidentificationResult result;
        var output = new MemoryStream();
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

        var data = result.File.Dataset;
        string Uid(DicomTag tag) => data.GetStringOrDefault(tag)?.Trim() is { Length: > 0 } uid
            ? uid
            : throw StepFailure.Permanent("deidentification-failed", $"{tag} is missing after de-identification");

        var counts = result.Audit.Entries
            .GroupBy(e => e.Outcome.ToString())
            .ToDictionary(g => g.Key, g => g.Count());
        return Task.FromResult(new DeidentifiedInstance(
            output.ToArray(),
            Uid(DicomTag.StudyInstanceUID),
            Uid(DicomTag.SeriesInstanceUID),
            Uid(DicomTag.SOPInstanceUID),
            result.Audit.BurnedInAnnotationRisk.AtRisk,
            counts));
    }
}
