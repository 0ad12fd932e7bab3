namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>
/// One decoded frame: samples interleaved by pixel, little-endian, 1, 2 or 4 bytes per sample
/// (1-bit data unpacked to one byte per pixel). <see cref="Format"/> describes the samples as
/// they now are (a codec that already converted YCbCr to RGB reports RGB).
/// </summary>
public sealed record DecodedFrame(PixelFormat Format, byte[] Samples);
