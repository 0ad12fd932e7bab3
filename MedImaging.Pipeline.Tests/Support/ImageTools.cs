using System.Diagnostics;
using System.Text.Json;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>
/// Debian's image tools as makers and oracles of test images: exiftool (libimage-exiftool-perl) writes and reads
/// metadata, cjpeg/djpeg/wrjpgcom (libjpeg-turbo-progs) encode, decode and add comments. Files live in a temporary directory.
/// </summary>
public sealed class ImageTools : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimaging-plain-images-").FullName;

    public string PathOf(string name) => Path.Combine(_directory, name);

    public string Write(string name, ReadOnlySpan<byte> content)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, content.ToArray());
        return path;
    }

    /// <summary>Writes tags with exiftool in place (e.g. "-EXIF:Artist=X").</summary>
    public void ExifToolWrite(string path, params string[] assignments) =>
        Run("exiftool", ["-q", "-q", "-overwrite_original", .. assignments, path]);

    /// <summary>Every tag exiftool reads, as "Group:Name" (family-1 groups) to value, File and System groups left out.</summary>
    public IReadOnlyDictionary<string, string> ExifToolRead(string path)
    {
        using var json = JsonDocument.Parse(Run("exiftool", ["-j", "-G1", "-a", "-s", "-n", path]));
        return json.RootElement[0].EnumerateObject()
            .Where(p => !p.Name.StartsWith("System:", StringComparison.Ordinal) && !p.Name.StartsWith("ExifTool:", StringComparison.Ordinal) && p.Name != "SourceFile")
            .ToDictionary(p => p.Name, p => p.Value.ToString());
    }

    /// <summary>exiftool's structural check of the file (PNG CRCs, JPEG segments): its warnings, empty when valid.</summary>
    public string ExifToolValidate(string path)
    {
        using var json = JsonDocument.Parse(Run("exiftool", ["-j", "-validate", "-warning", "-a", path]));
        return json.RootElement[0].TryGetProperty("Warning", out var warning) ? warning.ToString() : "";
    }

    /// <summary>The decoded samples as a binary PNM, by libjpeg-turbo's djpeg.</summary>
    public byte[] DecodeJpeg(string path) => RunBytes("djpeg", ["-pnm", path]);

    public byte[] EncodeJpeg(string pnmPath, params string[] options) => RunBytes("cjpeg", [.. options, pnmPath]);

    public byte[] AddJpegComment(string path, string comment) => RunBytes("wrjpgcom", ["-comment", comment, path]);

    private static string Run(string tool, string[] arguments) => System.Text.Encoding.UTF8.GetString(RunBytes(tool, arguments));

    private static byte[] RunBytes(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                            ?? throw new InvalidOperationException($"{tool} did not start");
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) process.Kill();
        if (process.ExitCode != 0 && !(tool == "exiftool" && process.ExitCode == 1 && output.Length > 0))
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error.Result}");
        return output.ToArray();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
