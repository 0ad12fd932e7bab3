namespace MedImaging.Pipeline.Metadata;

/// <summary>Tells DICOM Part 10, JPEG and PNG apart by their signatures.</summary>
public static class FormatSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> DicomMagic => "DICM"u8;

    public static InstanceKind? Detect(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 132 && content.Slice(128, 4).SequenceEqual(DicomMagic)) return InstanceKind.Dicom;
        if (content.Length >= 8 && content[..8].SequenceEqual(PngSignature)) return InstanceKind.Png;
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF) return InstanceKind.Jpeg;
        return null;
    }
}
