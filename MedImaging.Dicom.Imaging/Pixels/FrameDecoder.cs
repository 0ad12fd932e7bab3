using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Deflate;
using MedImaging.Dicom.Imaging.Codecs.Jpeg;
using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Codecs.Rle;

namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>Decodes one encoded frame with the codec its transfer syntax calls for.</summary>
public static class FrameDecoder
{
    public const string DeflatedImageFrameCompression = "1.2.840.10008.1.2.8.1";

    public static bool IsSupported(string transferSyntax) => transferSyntax is
        "1.2.840.10008.1.2" or "1.2.840.10008.1.2.1" or "1.2.840.10008.1.2.2" or "1.2.840.10008.1.2.1.99"
        or "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51" or "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70"
        or "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81"
        or "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91" or "1.2.840.10008.1.2.4.92" or "1.2.840.10008.1.2.4.93"
        or "1.2.840.10008.1.2.4.201" or "1.2.840.10008.1.2.4.202" or "1.2.840.10008.1.2.4.203"
        or "1.2.840.10008.1.2.5" or DeflatedImageFrameCompression;

    /// <param name="bigEndian">Native data only: the samples are big-endian (Explicit VR Big Endian).</param>
    public static DecodedFrame Decode(string transferSyntax, byte[] encoded, PixelFormat format, bool bigEndian = false)
    {
        try
        {
            return transferSyntax switch
            {
                "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51" or "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70"
                    => JpegDecoder.Decode(encoded, format),
                "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => CharLsDecoder.Decode(encoded, format),
                "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91" or "1.2.840.10008.1.2.4.92" or "1.2.840.10008.1.2.4.93"
                    or "1.2.840.10008.1.2.4.201" or "1.2.840.10008.1.2.4.202" or "1.2.840.10008.1.2.4.203"
                    => OpenJpegDecoder.Decode(encoded, format),
                "1.2.840.10008.1.2.5" => RleDecoder.Decode(encoded, format),
                DeflatedImageFrameCompression => NativeFrameConverter.ConvertOwned(DeflatedFrameDecoder.Inflate(encoded, format), format, bigEndian: false),
                "1.2.840.10008.1.2" or "1.2.840.10008.1.2.1" or "1.2.840.10008.1.2.2" or "1.2.840.10008.1.2.1.99"
                    => NativeFrameConverter.Convert(encoded, format, bigEndian && format.BitsAllocated > 8),
                _ => throw new PixelDataException($"transfer syntax {transferSyntax} is not supported for pixel data"),
            };
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            // A safety net for our managed decoders: hostile data must end as a typed error.
            throw new CodecException(transferSyntax, "corrupt compressed data", e);
        }
    }
}
