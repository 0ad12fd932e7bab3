using MedImaging.Dicom.Deidentification.Profile;
using MedImaging.Dicom.Deidentification.Uids;

namespace MedImaging.Dicom.Deidentification.Engine;

/// <summary>
/// Standard attributes that Table E.1-1 (2024b) does not list are handled by VR, as PS3.15 E.1.1 advises for
/// attributes it does not enumerate:
/// PN: removed (a person's name is identifying wherever it occurs);
/// DA, DT, TM: removed, or kept / shifted under the Retain Longitudinal options, like the listed dates;
/// UI: replaced like action U, except UIDs that name a class, syntax or scheme rather than an instance
/// (SOP class, transfer syntax, coding scheme, context, mapping resource, implementation) and UIDs the
/// standard itself defines (1.2.840.10008.*), which never identify anyone;
/// free text (LO, SH, ST, LT, UT, UC) in the DICONDE/DICOS groups 0014 and 4010, which the table does not
/// cover: removed; other free text: kept (the table already lists the identifying standard text attributes);
/// sequences: kept, their items processed; everything else (numbers, codes, binary): kept.
/// </summary>
internal static class UnlistedAttributeRule
{
    private static readonly HashSet<string> NonInstanceUidKeywords =
    [
        "ImplementationClassUID", "CodingSchemeUID", "ContextGroupExtensionCreatorUID", "ContextUID",
        "MappingResourceUID", "PrivateInformationCreatorUID", "CreatorVersionUID", "SegmentationTemplateUID",
    ];

    public static (ProfileAction Action, string Rule) Select(DicomItem item, DeidentificationContext context)
    {
        var vr = DatasetProcessor.EffectiveVR(item);
        if (vr == DicomVR.SQ || item is DicomSequence)
            return (ProfileAction.Keep, "unlisted SQ");
        if (vr == DicomVR.PN)
            return (ProfileAction.Remove, "unlisted VR PN");
        if (vr == DicomVR.DA || vr == DicomVR.DT || vr == DicomVR.TM)
        {
            if (context.Policy.RetainLongitudinalFullDates)
                return (ProfileAction.Keep, $"unlisted VR {vr.Code}, option retain_longitudinal_full_dates");
            return context.Policy.RetainLongitudinalModifiedDates
                ? (ProfileAction.Clean, $"unlisted VR {vr.Code}, option retain_longitudinal_modified_dates")
                : (ProfileAction.Remove, $"unlisted VR {vr.Code}");
        }
        if (vr == DicomVR.UI)
        {
            if (IsNonInstanceUid(item) || context.Policy.RetainUids)
                return (ProfileAction.Keep, "unlisted VR UI (class/scheme or retain_uids)");
            return (ProfileAction.ReplaceUid, "unlisted VR UI");
        }
        if (item.Tag.Group is 0x0014 or 0x4010 && IsFreeText(vr))
            return (ProfileAction.Remove, $"unlisted VR {vr.Code} in group {item.Tag.Group:X4}");
        return (ProfileAction.Keep, $"unlisted VR {vr.Code}");
    }

    private static bool IsFreeText(DicomVR vr) =>
        vr == DicomVR.LO || vr == DicomVR.SH || vr == DicomVR.ST || vr == DicomVR.LT || vr == DicomVR.UT || vr == DicomVR.UC;

    private static bool IsNonInstanceUid(DicomItem item)
    {
        var keyword = DicomDictionary.KeywordOf(item.Tag);
        if (keyword.Contains("SOPClass", StringComparison.Ordinal) || keyword.Contains("TransferSyntax", StringComparison.Ordinal)
            || NonInstanceUidKeywords.Contains(keyword))
            return true;
        return item is DicomElement element && element.GetStrings().All(UidRemapper.IsStandardUid);
    }
}
