namespace MedImaging.Dicom;

/// <summary>The UID Type column of PS3.6 Table A-1 (and A-2 for frames of reference).</summary>
public enum DicomUidType
{
    Unknown,
    ApplicationContextName,
    ApplicationHostingModel,
    CodingScheme,
    DICOMUIDsAsACodingScheme,
    LDAPOID,
    MappingResource,
    MetaSOPClass,
    SOPClass,
    ServiceClass,
    SynchronizationFrameOfReference,
    TransferSyntax,
    WellKnownSOPInstance,
    WellKnownFrameOfReference,
}
