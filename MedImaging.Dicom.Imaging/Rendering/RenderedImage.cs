namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>An 8-bit image ready for display or encoding: grey (1 sample) or RGB (3), rows top to bottom.</summary>
public sealed record RenderedImage(int Width, int Height, int Samples, byte[] Pixels);
