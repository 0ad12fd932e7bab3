using System.Diagnostics;
using System.Text;
using MedImaging.Dicom;

namespace MedImaging.Cli.Commands.BenchDeid;

/// <summary>Runs gdcmanon (--dumb, once over the directory) and a pydicom script on the same inputs, timing each run.</summary>
internal static class PeerRunner
{
    public const string DebianPython = "/usr/bin/python3";

    public static TimeSpan RunGdcmanon(string input, string output, PeerActions actions)
    {
        Directory.CreateDirectory(output);
        var args = new List<string> { "--dumb", "--continue", "-i", input, "-o", output };
        foreach (var tag in actions.Remove) args.AddRange(["--remove", Hex(tag)]);
        foreach (var tag in actions.Empty) args.AddRange(["--empty", Hex(tag)]);
        foreach (var (tag, value) in actions.Dummy) args.AddRange(["--replace", $"{Hex(tag)}={value}"]);
        foreach (var tag in actions.Uids) args.AddRange(["--replace", $"{Hex(tag)}=2.25.1234567890"]);
        args.AddRange(["--remove", $"{BenchPhi.PrivateGroup:x},10"]);
        foreach (var (element, _, _) in BenchPhi.Private) args.AddRange(["--remove", $"{BenchPhi.PrivateGroup:x},{element:x}"]);
        return Time("gdcmanon", args);
    }

    public static TimeSpan RunPydicom(string input, string output, PeerActions actions, string workDirectory)
    {
        Directory.CreateDirectory(output);
        var script = Path.Combine(workDirectory, "pydicom_deid.py");
        File.WriteAllText(script, PydicomScript(actions));
        return Time(DebianPython, [script, input, output]);
    }

    /// <summary>Runs a `medimaging` executable as a separate process over the same inputs (`medimaging deid`, all cores).</summary>
    public static TimeSpan RunOurCli(OurCli cli, IReadOnlyList<string> inputs, string output) =>
        Time(cli.Program, [.. cli.Prefix, "deid", .. inputs, "-o", output, "--secret", "bench-secret"]);

    public static string PydicomVersion() => Capture(DebianPython, ["-c", "import pydicom; print(pydicom.__version__)"]).Trim();

    public static string GdcmVersion() => Capture("gdcmanon", ["--version"]).Trim();

    private static string Hex(DicomTag tag) => $"{tag.Group:x},{tag.Element:x}";

    private static string Tuple(DicomTag tag) => $"(0x{tag.Group:X4}, 0x{tag.Element:X4})";

    private static string PydicomScript(PeerActions actions)
    {
        var script = new StringBuilder();
        script.AppendLine("import os, sys, pydicom");
        script.AppendLine("from pydicom.uid import generate_uid");
        script.AppendLine($"REMOVE = [{string.Join(", ", actions.Remove.Select(Tuple))}]");
        script.AppendLine($"EMPTY = [{string.Join(", ", actions.Empty.Select(Tuple))}]");
        script.AppendLine($"DUMMY = [{string.Join(", ", actions.Dummy.Select(d => $"({Tuple(d.Tag)}, '{d.Dummy}')"))}]");
        script.AppendLine($"UIDS = [{string.Join(", ", actions.Uids.Select(Tuple))}]");
        script.AppendLine("""
            source, target = sys.argv[1], sys.argv[2]
            for name in sorted(os.listdir(source)):
                ds = pydicom.dcmread(os.path.join(source, name))
                ds.remove_private_tags()
                for tag in REMOVE:
                    if tag in ds: del ds[tag]
                for tag in EMPTY:
                    if tag in ds: ds[tag].value = ''
                for tag, value in DUMMY:
                    if tag in ds: ds[tag].value = value
                for tag in UIDS:
                    if tag in ds: ds[tag].value = generate_uid(prefix=None, entropy_srcs=['secret', str(ds[tag].value)])
                ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
                ds.PatientIdentityRemoved = 'YES'
                ds.save_as(os.path.join(target, str(ds.SOPInstanceUID) + '.dcm'))
            """);
        return script.ToString();
    }

    private static TimeSpan Time(string program, IReadOnlyList<string> args)
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, _, errors) = Execute(program, args);
        clock.Stop();
        if (exitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed (exit {exitCode}): {errors.Trim()}");
        return clock.Elapsed;
    }

    private static string Capture(string program, IReadOnlyList<string> args)
    {
        var (_, output, errors) = Execute(program, args);
        return output.Length > 0 ? output : errors;
    }

    private static (int ExitCode, string Output, string Errors) Execute(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} took more than 10 minutes");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }
}
