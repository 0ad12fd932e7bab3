using System.Diagnostics;
using MedImaging.Testing;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>Real PNG/JPEG files made from corpus DICOM by dcmtk's dcmj2pnm, once per test run.</summary>
public static class PlainImages
{
    private static readonly Lazy<byte[]> LazyPng = new(() => Convert("--write-png", "png"));
    private static readonly Lazy<byte[]> LazyJpeg = new(() => Convert("--write-jpeg", "jpg"));

    public static byte[] Png => LazyPng.Value;

    public static byte[] Jpeg => LazyJpeg.Value;

    private static byte[] Convert(string option, string extension)
    {
        var output = Path.Combine(Path.GetTempPath(), $"medimaging-pipeline-{Guid.NewGuid():N}.{extension}");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dcmj2pnm", [option, TestCorpus.File("ct_ele_14s.dcm"), output])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException("dcmj2pnm did not start");
            var error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
                throw new InvalidOperationException("dcmj2pnm failed: " + error);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
