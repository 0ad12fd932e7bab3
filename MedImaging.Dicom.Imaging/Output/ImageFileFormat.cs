namespace MedImaging.Dicom.Imaging.Output;

/// <summary>The output file formats of the renderer.</summary>
public enum ImageFileFormat { Png, Jpeg }
