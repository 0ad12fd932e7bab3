using MedImaging.Dicom.Deidentification.Audit;

namespace MedImaging.Dicom.Deidentification;

/// <summary>The de-identified file (ready to save; pixel data still streams from the input) and its audit.</summary>
public sealed record DeidentificationResult(DicomFile File, DeidentificationAudit Audit)
{
    public string SopInstanceUid => Audit.SopInstanceUid;
}
