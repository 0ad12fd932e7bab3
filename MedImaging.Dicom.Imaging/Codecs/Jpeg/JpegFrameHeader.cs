namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>One component of a SOF segment.</summary>
internal sealed record JpegComponent(int Id, int H, int V, int QuantizationTable);

/// <summary>A SOFn segment: the coding process, sample precision, size and components.</summary>
internal sealed record JpegFrameHeader(int Marker, int Precision, int Height, int Width, IReadOnlyList<JpegComponent> Components)
{
    public bool IsLossless => Marker is 0xC3;
    public bool IsHuffmanSequentialDct => Marker is 0xC0 or 0xC1;
    public int MaxH => Components.Max(c => c.H);
    public int MaxV => Components.Max(c => c.V);
}

/// <summary>One component selector of a SOS segment.</summary>
internal sealed record JpegScanComponent(int ComponentIndex, int DcTable, int AcTable);

/// <summary>A SOS segment. For lossless scans SpectralStart is the predictor and ApproximationLow the point transform.</summary>
internal sealed record JpegScanHeader(IReadOnlyList<JpegScanComponent> Components, int SpectralStart, int SpectralEnd, int ApproximationHigh, int ApproximationLow);
