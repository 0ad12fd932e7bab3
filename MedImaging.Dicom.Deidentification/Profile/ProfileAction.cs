namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>A single PS3.15 Annex E action (E.1.1). Compound codes are resolved to one of these.</summary>
public enum ProfileAction
{
    /// <summary>X: remove the element.</summary>
    Remove,
    /// <summary>Z: replace with a zero-length value.</summary>
    Empty,
    /// <summary>D: replace with a non-empty dummy value valid for the VR.</summary>
    Dummy,
    /// <summary>K: keep; a sequence is kept and its items are processed.</summary>
    Keep,
    /// <summary>C: clean (shift dates, remap UIDs, scrub identifying text, process sequence items).</summary>
    Clean,
    /// <summary>U: replace the UID with one derived from the secret, consistently everywhere.</summary>
    ReplaceUid,
    /// <summary>U* of X/Z/U*: keep the reference sequence, replacing the instance UIDs inside it.</summary>
    KeepReplacingUids,
}
