namespace MedImaging.Dicom.Imaging.Tests.Oracles;

/// <summary>Decompresses a corpus file with a dcmtk/gdcm tool and returns its native frames, interleaved.</summary>
public static class OracleDecompression
{
    public static (DcmdumpPixelData Dump, byte[][] Frames) Decompress(string dicomFile, TempDirectory scratch, string tool, params string[] options)
    {
        var output = scratch.File("oracle-" + Path.GetFileName(dicomFile));
        if (tool == "gdcmconv") ExternalTool.Run("gdcmconv", "--raw", dicomFile, output);
        else ExternalTool.Run(tool, [.. options, dicomFile, output]);
        var dump = DcmdumpPixelData.Read(output, scratch);
        var native = dump.NativePixels ?? throw new InvalidOperationException($"{tool} produced no native pixel data");
        var format = dump.Format;
        var frameLength = (int)format.FrameLength;
        var frames = new byte[dump.Frames][];
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = native.AsSpan(i * frameLength, frameLength).ToArray();
            frames[i] = format.PlanarConfiguration == 1 ? ToInterleaved(frame, format.SamplesPerPixel, format.BytesPerSample) : frame;
        }
        return (dump, frames);
    }

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
