namespace MedImaging.Dicom;

/// <summary>How the input was laid out.</summary>
public enum DicomFileFormat
{
    /// <summary>128-byte preamble, "DICM", File Meta Information, dataset.</summary>
    Part10,

    /// <summary>A bare dataset without preamble or meta group (encoding detected from the first element).</summary>
    RawDataset,
}
