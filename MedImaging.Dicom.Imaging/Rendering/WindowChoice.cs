namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>How the VOI is chosen: the file's first window (else VOI LUT, else min-max), min-max, or explicit.</summary>
public abstract record WindowChoice
{
    public sealed record FileDefault : WindowChoice;
    public sealed record FileOnly : WindowChoice;
    public sealed record MinMax : WindowChoice;
    public sealed record Explicit(double Center, double Width) : WindowChoice;

    public static WindowChoice Default { get; } = new FileDefault();
}
