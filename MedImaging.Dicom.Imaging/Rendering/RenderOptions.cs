namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>What to render: which frame (0-based), how to choose the VOI, and an optional size limit.</summary>
public sealed record RenderOptions(int Frame = 0, WindowChoice? Window = null, int? MaxSize = null)
{
    public WindowChoice WindowOrDefault => Window ?? WindowChoice.Default;
}
