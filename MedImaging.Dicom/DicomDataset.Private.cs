namespace MedImaging.Dicom;

/// <summary>Finding private elements by their creator rather than by the block a file happened to reserve.</summary>
public partial class DicomDataset
{
    /// <summary>The element (group, xxOO) where xx is the block reserved by <paramref name="creator"/> in (group, 00xx).</summary>
    public bool TryGetPrivateItem(ushort group, string creator, byte elementOffset, out DicomItem? item)
    {
        item = null;
        if ((group & 1) == 0) return false;
        for (ushort slot = 0x10; slot <= 0xFF; slot++)
        {
            if (!TryGetString(new DicomTag(group, slot), out var value) || value != creator) continue;
            item = GetDicomItem(new DicomTag(group, (ushort)((slot << 8) | elementOffset)));
            return item is not null;
        }
        return false;
    }
}
