using System.Buffers.Binary;
using System.Text;

namespace MedImaging.Api.Uploads;

/// <summary>
/// Interim minimal header read (until MedImaging.Dicom lands): finds StudyInstanceUID and SOPInstanceUID in
/// the first chunk of a Part 10 file with an uncompressed little-endian dataset, skipping sequences.
/// </summary>
public static class DicomIdentifiers
{
    private const uint StudyInstanceUid = 0x0020000D, SopInstanceUid = 0x00080018, TransferSyntaxUid = 0x00020010;
    private const uint Item = 0xFFFEE000, ItemDelimiter = 0xFFFEE00D, SequenceDelimiter = 0xFFFEE0DD;

    public static bool IsPart10(ReadOnlySpan<byte> head) => head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8);

    /// <summary>The study and SOP instance UIDs, or null when they are not in <paramref name="head"/>.</summary>
    public static (string StudyUid, string SopInstanceUid)? TryRead(ReadOnlySpan<byte> head)
    {
        if (!IsPart10(head)) return null;
        var position = 132;
        string? transferSyntax = null, study = null, sop = null;
        // The meta group is always explicit VR little endian.
        while (position + 8 <= head.Length && BinaryPrimitives.ReadUInt16LittleEndian(head[position..]) == 0x0002)
        {
            if (!TryReadElement(head, ref position, explicitVr: true, out var tag, out var value)) return null;
            if (tag == TransferSyntaxUid) transferSyntax = Text(value);
        }
        var explicitVr = transferSyntax switch
        {
            "1.2.840.10008.1.2" => false,
            "1.2.840.10008.1.2.2" or "1.2.840.10008.1.2.1.99" or null => (bool?)null,
            _ => true,
        };
        if (explicitVr is null) return null;
        while ((study is null || sop is null) && position + 8 <= head.Length)
        {
            if (!TryReadElement(head, ref position, explicitVr.Value, out var tag, out var value)) return null;
            if (tag == StudyInstanceUid) study = Text(value);
            else if (tag == SopInstanceUid) sop = Text(value);
            else if (tag > StudyInstanceUid) break;
        }
        return study is { Length: > 0 } && sop is { Length: > 0 } ? (study, sop) : null;
    }

    private static bool TryReadElement(ReadOnlySpan<byte> data, ref int position, bool explicitVr, out uint tag, out ReadOnlySpan<byte> value)
    {
        value = default;
        tag = ReadTag(data, position);
        uint length;
        bool isSequence;
        if (explicitVr && tag is not (Item or ItemDelimiter or SequenceDelimiter))
        {
            var vr = Encoding.ASCII.GetString(data.Slice(position + 4, 2));
            if (vr is "OB" or "OW" or "OF" or "OD" or "OL" or "OV" or "SQ" or "UC" or "UN" or "UR" or "UT" or "SV" or "UV")
            {
                if (position + 12 > data.Length) return false;
                length = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 8)..]);
                position += 12;
            }
            else
            {
                length = BinaryPrimitives.ReadUInt16LittleEndian(data[(position + 6)..]);
                position += 8;
            }
            isSequence = vr is "SQ" || (vr is "UN" && length == uint.MaxValue);
        }
        else
        {
            length = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            position += 8;
            isSequence = length == uint.MaxValue;
        }
        if (length == uint.MaxValue)
            return isSequence && SkipUndefinedLength(data, ref position, explicitVr);
        if (length > data.Length - position) return false;
        value = data.Slice(position, (int)length);
        position += (int)length;
        return true;
    }

    // Walks nested items until the sequence delimiter; an undefined-length sequence may hold anything.
    private static bool SkipUndefinedLength(ReadOnlySpan<byte> data, ref int position, bool explicitVr)
    {
        while (position + 8 <= data.Length)
        {
            var tag = ReadTag(data, position);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            if (tag == SequenceDelimiter) { position += 8; return true; }
            if (tag != Item) return false;
            position += 8;
            if (length != uint.MaxValue)
            {
                if (length > data.Length - position) return false;
                position += (int)length;
                continue;
            }
            while (position + 8 <= data.Length && ReadTag(data, position) != ItemDelimiter)
                if (!TryReadElement(data, ref position, explicitVr, out _, out _)) return false;
            position += 8;
        }
        return false;
    }

    private static uint ReadTag(ReadOnlySpan<byte> data, int position) =>
        ((uint)BinaryPrimitives.ReadUInt16LittleEndian(data[position..]) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(data[(position + 2)..]);

    private static string Text(ReadOnlySpan<byte> value) => Encoding.ASCII.GetString(value).TrimEnd('\0', ' ');
}
