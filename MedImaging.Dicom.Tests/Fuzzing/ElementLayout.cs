using System.Buffers.Binary;
using System.Text;

namespace MedImaging.Dicom.Tests.Fuzzing;

/// <summary>Where one encoded header sits: an element, a sequence item or a fragment, or a delimiter.</summary>
public sealed record EncodedHeader(int Offset, uint Tag, int VROffset, int LengthOffset, int LengthSize, bool BigEndian, uint Length,
    HeaderKind Kind, uint EnclosingTag, int Depth)
{
    public int ValueOffset => LengthOffset + LengthSize;
    public bool HasDefinedLength => Length != 0xFFFFFFFF;
    public long End => HasDefinedLength ? (long)ValueOffset + Length : ValueOffset;
}

public enum HeaderKind { Element, Sequence, Item, Fragment, Delimiter }

/// <summary>
/// An independent, deliberately simple walk over a Part 10 file's headers (not the library's reader), so tests can
/// edit length fields and VR codes at real element boundaries. Walks the meta group and non-deflated datasets;
/// stops quietly at the first thing it does not understand.
/// </summary>
public static class ElementLayout
{
    private const uint ItemTag = 0xFFFEE000;
    private const uint SequenceDelimiter = 0xFFFEE0DD;
    private const uint PixelDataTag = 0x7FE00010;
    private static readonly HashSet<string> LongVRs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];

    public static List<EncodedHeader> Walk(byte[] bytes)
    {
        var headers = new List<EncodedHeader>();
        var position = 0;
        bool isExplicit, bigEndian;
        if (bytes.Length >= 132 && bytes.AsSpan(128, 4).SequenceEqual("DICM"u8))
        {
            position = WalkFlat(bytes, 132, headers, explicitVR: true, bigEndian: false, stopAfterGroup2: true);
            var syntax = TransferSyntax(bytes, headers);
            if (syntax is "1.2.840.10008.1.2.1.99" or "1.2.840.10008.1.2.8.1") return headers; // deflated: nothing to walk
            isExplicit = syntax != "1.2.840.10008.1.2";
            bigEndian = syntax == "1.2.840.10008.1.2.2";
        }
        else
        {
            if (bytes.Length < 8) return headers;
            isExplicit = char.IsAsciiLetterUpper((char)bytes[4]) && char.IsAsciiLetterUpper((char)bytes[5]);
            bigEndian = BinaryPrimitives.ReadUInt16BigEndian(bytes) < BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        }
        WalkFlat(bytes, position, headers, isExplicit, bigEndian, stopAfterGroup2: false);
        return headers;
    }

    private static int WalkFlat(byte[] bytes, int position, List<EncodedHeader> headers, bool explicitVR, bool bigEndian, bool stopAfterGroup2)
    {
        // Enclosing sequences and pixel data: tag, end offset (-1 when undefined), fragments or items, and the
        // encoding inside (a VR UN sequence of undefined length holds implicit VR little endian items, CP-246).
        var stack = new Stack<(uint Tag, long End, bool Fragments, bool Explicit, bool BigEndian)>();
        var (baseExplicit, baseBigEndian) = (explicitVR, bigEndian);
        while (position + 8 <= bytes.Length)
        {
            while (stack.Count > 0 && stack.Peek().End >= 0 && position >= stack.Peek().End) stack.Pop();
            (explicitVR, bigEndian) = stack.Count > 0 ? (stack.Peek().Explicit, stack.Peek().BigEndian) : (baseExplicit, baseBigEndian);
            var group = Read16(bytes, position, bigEndian);
            if (stopAfterGroup2 && group != 0x0002) return position;
            var tag = ((uint)group << 16) | Read16(bytes, position + 2, bigEndian);
            var enclosing = stack.Count > 0 ? stack.Peek().Tag : 0u;
            if (group == 0xFFFE)
            {
                var length = Read32(bytes, position + 4, bigEndian);
                var inFragments = stack.Count > 0 && stack.Peek().Fragments;
                var kind = tag == ItemTag ? (inFragments ? HeaderKind.Fragment : HeaderKind.Item) : HeaderKind.Delimiter;
                headers.Add(new EncodedHeader(position, tag, -1, position + 4, 4, bigEndian, length, kind, enclosing, stack.Count));
                if (tag == SequenceDelimiter && stack.Count > 0) stack.Pop();
                position += 8;
                if (kind == HeaderKind.Fragment) position += (int)Math.Min(length, (uint)(bytes.Length - position));
                continue;
            }
            string? vr = null;
            int lengthOffset, lengthSize;
            if (explicitVR)
            {
                vr = Encoding.ASCII.GetString(bytes, position + 4, 2);
                if (!vr.All(char.IsAsciiLetterUpper)) return position;
                (lengthOffset, lengthSize) = LongVRs.Contains(vr) ? (position + 8, 4) : (position + 6, 2);
            }
            else (lengthOffset, lengthSize) = (position + 4, 4);
            if (lengthOffset + lengthSize > bytes.Length) return position;
            var value = lengthSize == 2 ? Read16(bytes, lengthOffset, bigEndian) : Read32(bytes, lengthOffset, bigEndian);
            var undefined = lengthSize == 4 && value == 0xFFFFFFFF;
            var isSequence = vr == "SQ" || (undefined && tag != PixelDataTag);
            var headerKind = isSequence ? HeaderKind.Sequence : HeaderKind.Element;
            headers.Add(new EncodedHeader(position, tag, explicitVR ? position + 4 : -1, lengthOffset, lengthSize, bigEndian, value, headerKind, enclosing, stack.Count));
            position = lengthOffset + lengthSize;
            if (isSequence)
            {
                var asUN = vr == "UN";
                stack.Push((tag, undefined ? -1 : position + value, false, explicitVR && !asUN, bigEndian && !asUN));
            }
            else if (undefined) stack.Push((tag, -1, true, explicitVR, bigEndian));
            else
            {
                if (value > bytes.Length - position) return position;
                position += (int)value;
            }
        }
        return position;
    }

    private static string? TransferSyntax(byte[] bytes, List<EncodedHeader> headers)
    {
        var header = headers.FirstOrDefault(h => h.Tag == 0x00020010);
        if (header is null || header.ValueOffset + header.Length > bytes.Length) return null;
        return Encoding.ASCII.GetString(bytes, header.ValueOffset, (int)header.Length).TrimEnd('\0', ' ');
    }

    private static ushort Read16(byte[] b, int at, bool big) =>
        big ? BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));

    private static uint Read32(byte[] b, int at, bool big) =>
        big ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    public static void WriteLength(byte[] bytes, EncodedHeader header, uint length)
    {
        if (header.LengthSize == 2)
        {
            var value = (ushort)Math.Min(length, 0xFFFF);
            if (header.BigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(header.LengthOffset), value);
            else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(header.LengthOffset), value);
        }
        else if (header.BigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(header.LengthOffset), length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(header.LengthOffset), length);
    }
}
