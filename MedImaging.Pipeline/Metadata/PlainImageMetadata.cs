
namespace MedImaging.Pipeline.Metadata;

/// <summary>
/// Removes what a plain image can carry besides its pixels (EXIF, XMP, IPTC, comments, text chunks, timestamps),
/// losslessly: the segment or chunk stream is rewritten, the compressed image data is copied as it is.
/// </summary>
public static class PlainImageMetadata
{
    /// <exception cref="MalformedImageException">The image's structure is broken or truncated.</exception>
    public static StrippedImage Strip(ReadOnlySpan<byte> image, InstanceKind kind) => kind switch
    {
        InstanceKind.Jpeg => JpegMetadataStripper.Strip(image),
        InstanceKind.Png => PngMetadataStripper.Strip(image),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only JPEG and PNG are plain images"),
    };
}
