namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>VOI LUT Function (0028,1056).</summary>
public enum VoiFunction { Linear, LinearExact, Sigmoid }
