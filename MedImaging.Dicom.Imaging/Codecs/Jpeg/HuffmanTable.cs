namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>A JPEG Huffman table (ITU T.81 Annex C) with a 9-bit lookup for short codes.</summary>
internal sealed class HuffmanTable
{
    public const int LookupBits = 9;

    // Lookup entry: (code length << 8) | symbol; 0 when the code is longer than LookupBits.
    public readonly ushort[] Lookup = new ushort[1 << LookupBits];
    public readonly int[] MaxCode = new int[18];
    public readonly int[] ValueOffset = new int[17];
    public readonly byte[] Symbols;

    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        Symbols = symbols.ToArray();
        var code = 0;
        var index = 0;
        for (var length = 1; length <= 16; length++)
        {
            int count = counts[length - 1];
            ValueOffset[length] = index - code;
            for (var i = 0; i < count; i++, index++, code++)
            {
                if (length <= LookupBits)
                {
                    var shift = LookupBits - length;
                    var first = code << shift;
                    for (var fill = 0; fill < 1 << shift; fill++)
                        Lookup[first + fill] = (ushort)(length << 8 | Symbols[index]);
                }
            }
            MaxCode[length] = count > 0 ? code - 1 : -1;
            if (code > 1 << length) throw new CodecException("JPEG", "Huffman table has more codes than its lengths allow");
            code <<= 1;
        }
        MaxCode[17] = int.MaxValue;
    }
}
