namespace MedImaging.Dicom.Imaging.Pixels;

/// <summary>Reorders colour-by-plane samples (R...R G...G B...B) into colour-by-pixel order (RGB RGB ...).</summary>
public static class PlanarSamples
{
    public static byte[] ToInterleaved(byte[] planar, int samples, int bytesPerSample)
    {
        var pixels = planar.Length / samples / bytesPerSample;
        var output = new byte[planar.Length];
        for (var s = 0; s < samples; s++)
            for (var p = 0; p < pixels; p++)
                for (var b = 0; b < bytesPerSample; b++)
                    output[(p * samples + s) * bytesPerSample + b] = planar[(s * pixels + p) * bytesPerSample + b];
        return output;
    }
}
