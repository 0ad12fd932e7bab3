using System.Buffers.Binary;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>Reads stored values from a decoded frame: Bits Stored / High Bit masking and sign extension.</summary>
internal readonly struct StoredValues(PixelFormat format)
{
    public readonly int Shift = format.HighBit + 1 - format.BitsStored;
    public readonly long Mask = format.BitsStored >= 32 ? 0xFFFFFFFFL : (1L << format.BitsStored) - 1;
    public readonly int Bits = format.BitsStored;
    public readonly bool Signed = format.IsSigned;
    public readonly int Width = format.BytesPerSample;

    public long Pattern(ReadOnlySpan<byte> samples, int index) => Width switch
    {
        1 => (samples[index] >> Shift) & Mask,
        2 => (BinaryPrimitives.ReadUInt16LittleEndian(samples[(2 * index)..]) >> Shift) & Mask,
        _ => (BinaryPrimitives.ReadUInt32LittleEndian(samples[(4 * index)..]) >> Shift) & Mask,
    };

    /// <summary>The value a bit pattern stands for (two's complement when Pixel Representation is 1).</summary>
    public long Value(long pattern) => Signed && Bits < 64 && (pattern & (1L << (Bits - 1))) != 0 ? pattern - (1L << Bits) : pattern;

    public long Read(ReadOnlySpan<byte> samples, int index) => Value(Pattern(samples, index));
}
