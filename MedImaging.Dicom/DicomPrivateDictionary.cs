namespace MedImaging.Dicom;

/// <summary>
/// VRs of known private attributes (dcmtk's private.dic, as standard/private-dictionary.tsv), by private creator, group
/// and element. An entry names either one element of the block a creator reserved (xxEE) or one fixed element.
/// </summary>
internal static partial class DicomPrivateDictionary
{
    public static bool TryGetVR(string creator, ushort group, ushort element, out DicomVR vr)
    {
        vr = DicomVR.UN;
        var index = Array.BinarySearch(Creators, creator, StringComparer.Ordinal);
        if (index < 0) return false;
        var keys = Keys;
        var at = keys.BinarySearch(Key(index, group, element));
        if (at < 0) at = keys.BinarySearch(Key(index, group, (ushort)(element & 0xFF)));
        if (at >= 0) return DicomVR.TryParse(VRCodes[at], out vr);
        var creators = RangeCreators;
        for (var i = 0; i < creators.Length; i++)
            if (creators[i] == index && group >= RangeFirstGroups[i] && group <= RangeLastGroups[i] &&
                (RangeElements[i] == element || RangeElements[i] == (element & 0xFF)))
                return DicomVR.TryParse(RangeVRCodes[i], out vr);
        return false;
    }

    private static ulong Key(int creator, ushort group, ushort element) => ((ulong)creator << 32) | ((ulong)group << 16) | element;
}
