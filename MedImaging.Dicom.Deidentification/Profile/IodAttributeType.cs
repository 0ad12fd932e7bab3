namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>PS3.3 attribute type as far as compound action codes care: 1 (value required), 2 (present, may be empty), 3 (optional).</summary>
public enum IodAttributeType
{
    Type1 = 1,
    Type2 = 2,
    Type3 = 3,
}
