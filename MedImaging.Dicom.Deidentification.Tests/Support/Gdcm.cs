using System.Diagnostics;

namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>GDCM's gdcmconv as an independent decoder: --raw writes the pixel data uncompressed.</summary>
internal static class Gdcm
{
    public static DicomFile Decompress(string input)
    {
        var output = Path.Combine(Path.GetTempPath(), $"gdcm-raw-{Guid.NewGuid():N}.dcm");
        try
        {
            var start = new ProcessStartInfo("gdcmconv", ["--raw", input, output]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException("gdcmconv did not finish");
            }
            Assert.True(process.ExitCode == 0, $"gdcmconv --raw failed: {errors.Result}");
            return DicomFile.Read(File.ReadAllBytes(output));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
