using System.Diagnostics;

namespace MedImaging.Tests.TestHosting;

/// <summary>Searching outputs for identifying values at word level, and reading DICOM text through dcmtk (the oracle).</summary>
public static class PhiText
{
    /// <summary>True when <paramref name="value"/> occurs in <paramref name="text"/> with no letter or digit on either side.</summary>
    public static bool ContainsWord(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var after = at + value.Length >= text.Length || !char.IsLetterOrDigit(text[at + value.Length]);
            if (before && after) return true;
        }
        return false;
    }

    /// <summary>Every attribute of a DICOM file as dcmdump prints it (values of any length, nested items included), pixel data aside.</summary>
    public static string DumpOf(byte[] dicom)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, dicom);
            using var process = Process.Start(new ProcessStartInfo("dcmdump", ["+L", "+U8", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(30_000), "dcmdump did not finish");
            Assert.True(process.ExitCode == 0, $"dcmdump cannot read the file (exit {process.ExitCode}): {errors.Result}");
            return output.Result;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
