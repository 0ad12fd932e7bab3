using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Deidentification.PixelData;

/// <summary>
/// Clean Pixel Data on encapsulated pixel data: every frame is decoded with our codecs when the output is written,
/// its rectangles are blanked, and it is written uncompressed. The instance then honestly says so: Transfer Syntax
/// Explicit VR Little Endian, the decoded Photometric Interpretation (a codec may have converted YCbCr to RGB),
/// Planar Configuration 0, whole-byte Bits Allocated, and Lossy Image Compression 01 kept or set when the source
/// was lossy. The first frame is decoded up front to check that the codec and layout work; an instance that cannot
/// be decoded is left unchanged (the method returns false and the burned-in risk stays).
/// </summary>
internal static class DecodedPixelCleaner
{
    private static readonly HashSet<string> LossySyntaxes =
    [
        "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91",
        "1.2.840.10008.1.2.4.93", "1.2.840.10008.1.2.4.203",
    ];

    private static readonly HashSet<string> NativePhotometrics = ["MONOCHROME1", "MONOCHROME2", "PALETTE COLOR", "RGB", "YBR_FULL"];

    public static bool Apply(DicomDataset dataset, IReadOnlyList<PixelRectangle> rectangles)
    {
        var syntax = dataset.InternalTransferSyntax;
        if (!FrameDecoder.IsSupported(syntax.UID.UID))
            return false;
        DicomPixelData pixels;
        DecodedFrame first;
        try
        {
            // A copy of the structure: the decoder keeps reading fragments and offset tables after the dataset changes.
            pixels = DicomPixelData.Create(dataset.Clone(), syntax);
            first = pixels.DecodeFrame(0);
        }
        catch (Exception e) when (e is PixelDataException or CodecException or NativeCodecMissingException or DicomDataException or DicomFormatException)
        {
            return false;
        }
        var format = first.Format;
        if (format.BitsAllocated == 1 || !NativePhotometrics.Contains(format.Photometric) || first.Samples.Length != format.DecodedLength)
            return false;

        var layout = new PixelLayout(format.Rows, format.Columns, format.SamplesPerPixel, format.BytesPerSample, Planar: false);
        var cleaned = new DecodedCleanedPixelData(pixels, first, layout, rectangles);
        dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, format.BytesPerSample > 1 ? DicomVR.OW : DicomVR.OB, cleaned));
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.PhotometricInterpretation, format.Photometric);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.BitsAllocated, (ushort)(format.BytesPerSample * 8));
        if (format.SamplesPerPixel > 1)
            dataset.AddOrUpdate(DicomVR.US, DicomTag.PlanarConfiguration, (ushort)0);
        if (LossySyntaxes.Contains(syntax.UID.UID))
            dataset.AddOrUpdate(DicomVR.CS, DicomTag.LossyImageCompression, "01");
        dataset.InternalTransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian;
        return true;
    }
}
