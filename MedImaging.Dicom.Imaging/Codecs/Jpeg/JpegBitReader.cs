namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded bits, removing 0xFF00 stuffing and stopping at the next marker.
/// Past a marker or the end of data it feeds zero bits and counts them, so a truncated
/// scan is detected after the (bounded) decode loop instead of reading out of range.
/// </summary>
internal ref struct JpegBitReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private ulong _bits;
    private int _count;
    private bool _atMarker;

    public int Position { get; private set; } = position;

    public int PaddingBits { get; private set; }

    /// <summary>Padding bits that were actually consumed by the decoder (corrupt or truncated data when above a byte).</summary>
    public readonly int ConsumedPadding => Math.Max(0, PaddingBits - _count);

    private void Fill()
    {
        while (_count <= 56)
        {
            ulong next = 0;
            if (!_atMarker && Position < _data.Length)
            {
                var b = _data[Position];
                if (b == 0xFF)
                {
                    var following = Position + 1 < _data.Length ? _data[Position + 1] : -1;
                    if (following == 0) { Position += 2; next = 0xFF; }
                    else if (following == 0xFF) { Position++; continue; } // fill bytes before a marker
                    else { _atMarker = true; PaddingBits += 8; }
                }
                else { Position++; next = b; }
            }
            else
            {
                PaddingBits += 8;
                if (PaddingBits > 1 << 16) throw new CodecException("JPEG", "compressed data ends before the image is complete");
            }
            _bits |= next << (56 - _count);
            _count += 8;
        }
    }

    public int ReadBits(int n)
    {
        if (n == 0) return 0;
        if (_count < n) Fill();
        var value = (int)(_bits >> (64 - n));
        _bits <<= n;
        _count -= n;
        return value;
    }

    public int ReadBit() => ReadBits(1);

    public int Decode(HuffmanTable table)
    {
        if (_count < 16) Fill();
        var peek = (int)(_bits >> (64 - HuffmanTable.LookupBits));
        var entry = table.Lookup[peek];
        if (entry != 0)
        {
            var length = entry >> 8;
            _bits <<= length;
            _count -= length;
            return entry & 0xFF;
        }
        var code = (int)(_bits >> (64 - HuffmanTable.LookupBits));
        var len = HuffmanTable.LookupBits;
        while (code > table.MaxCode[len])
        {
            len++;
            if (len > 16) throw new CodecException("JPEG", "invalid Huffman code in compressed data");
            code = (int)(_bits >> (64 - len));
        }
        _bits <<= len;
        _count -= len;
        var index = code + table.ValueOffset[len];
        if ((uint)index >= (uint)table.Symbols.Length) throw new CodecException("JPEG", "invalid Huffman code in compressed data");
        return table.Symbols[index];
    }

    /// <summary>Sign-extends an SSSS-bit magnitude (T.81 F.2.2.1 EXTEND).</summary>
    public int ReceiveExtend(int ssss)
    {
        if (ssss == 0) return 0;
        if (ssss >= 16) return 32768;
        var v = ReadBits(ssss);
        return v < 1 << (ssss - 1) ? v - (1 << ssss) + 1 : v;
    }

    /// <summary>Skips to after the expected RSTn marker and resets the bit buffer.</summary>
    public void Restart()
    {
        _bits = 0;
        _count = 0;
        PaddingBits = 0;
        _atMarker = false;
        while (Position + 1 < _data.Length && !(_data[Position] == 0xFF && _data[Position + 1] is >= 0xD0 and <= 0xD7))
        {
            if (_data[Position] == 0xFF && _data[Position + 1] is not (0 or 0xFF)) throw new CodecException("JPEG", "restart marker missing");
            Position++;
        }
        if (Position + 1 >= _data.Length) throw new CodecException("JPEG", "compressed data ends before a restart marker");
        Position += 2;
    }

    /// <summary>Position of the marker that ends this scan (after any unread entropy-coded bytes).</summary>
    public int FindNextMarker()
    {
        var p = Position;
        while (p + 1 < _data.Length && !(_data[p] == 0xFF && _data[p + 1] is not (0 or 0xFF) and not (>= 0xD0 and <= 0xD7))) p++;
        return p;
    }
}
