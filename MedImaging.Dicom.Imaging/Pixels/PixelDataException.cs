namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>Pixel data or its describing attributes are missing, inconsistent or unsupported.</summary>
public class PixelDataException(string message, Exception? inner = null) : Exception(message, inner);
