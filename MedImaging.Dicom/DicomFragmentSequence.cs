using System.Buffers.Binary;

namespace MedImaging.Dicom;

/// <summary>Encapsulated pixel data: the Basic Offset Table item, then one or more fragments.</summary>
public sealed class DicomFragmentSequence(DicomTag tag, DicomVR vr) : DicomItem(tag, vr)
{
    /// <summary>Raw value of the first item (empty when the offset table is empty).</summary>
    public DicomBulkData OffsetTableData { get; set; } = DicomBulkData.FromMemory(ReadOnlyMemory<byte>.Empty);

    /// <summary>The Basic Offset Table: byte offsets of each frame's first fragment, from the first fragment's item tag.</summary>
    public IReadOnlyList<uint> OffsetTable
    {
        get
        {
            var bytes = OffsetTableData.GetBytes().Span;
            var table = new uint[bytes.Length / 4];
            for (var i = 0; i < table.Length; i++) table[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
            return table;
        }
    }

    public List<DicomBulkData> Fragments { get; } = [];

    public override string ToString() => $"{Tag} {VR.Code}, {Fragments.Count} fragment(s)";
}
