using MedImaging.Dicom.Text;
using MedImaging.Dicom.Deidentification.Uids;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// Action D: a non-empty value valid for the VR that says nothing about anyone.
/// UIDs get a remapped UID (so a dummy still matches across instances); numbers are zero.
/// </summary>
internal static class DummyValues
{
    public static DicomElement For(DicomElement original, UidRemapper remapper, DicomCharacterSet characterSet)
    {
        var tag = original.Tag;
        var vr = original.VR;
        if (vr == DicomVR.UI)
            return DicomElementFactory.FromStrings(tag, vr, [remapper.Remap(original.GetString())], characterSet);
        if (vr.IsString)
            return DicomElementFactory.FromStrings(tag, vr, [Text(vr)], characterSet);
        var unit = vr == DicomVR.AT ? 4 : Math.Max(vr.UnitSize, 2);
        return new DicomElement(tag, vr, new byte[unit]);
    }

    private static string Text(DicomVR vr) => vr.Code switch
    {
        "AE" => "ANONYMOUS",
        "AS" => "000D",
        "CS" => "ANONYMIZED",
        "DA" => "19000101",
        "DT" => "19000101000000",
        "TM" => "000000",
        "DS" or "IS" => "0",
        "PN" => "ANONYMOUS",
        "UR" => "urn:anonymous",
        _ => "ANONYMIZED",
    };
}
