namespace MedImaging.Dicom.Deidentification.Policy;

/// <summary>
/// A private attribute known to carry no identifying information (PS3.15 E.3.10): identified by its
/// private creator, its odd group and the low byte of its element (gggg,xxEE), independent of the block xx.
/// </summary>
public sealed record SafePrivateAttribute(string PrivateCreator, ushort Group, byte ElementOffset)
{
    /// <summary>Parses "CREATOR:gggg:ee" (hex group and element offset).</summary>
    public static SafePrivateAttribute Parse(string text)
    {
        var last = text.LastIndexOf(':');
        var middle = last > 0 ? text.LastIndexOf(':', last - 1) : -1;
        if (middle <= 0)
            throw new FormatException($"Safe private attribute '{text}' is not CREATOR:gggg:ee.");
        var group = Convert.ToUInt16(text[(middle + 1)..last], 16);
        if ((group & 1) == 0)
            throw new FormatException($"Safe private attribute group {group:X4} is not odd.");
        return new SafePrivateAttribute(text[..middle], group, Convert.ToByte(text[(last + 1)..], 16));
    }

    public override string ToString() => $"{PrivateCreator}:{Group:X4}:{ElementOffset:X2}";
}
