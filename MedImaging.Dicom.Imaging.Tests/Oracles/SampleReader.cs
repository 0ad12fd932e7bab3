using System.Buffers.Binary;

namespace MedImaging.Dicom.Imaging.Tests.Oracles;

public static class SampleReader
{
    public static int[] Unsigned16(byte[] data)
    {
        var values = new int[data.Length / 2];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2 * i));
        return values;
    }
}
