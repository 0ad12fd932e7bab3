using System.Text.RegularExpressions;
using MedImaging.Dicom.Tests.Support;

namespace MedImaging.Dicom.Tests.Oracles;

/// <summary>What dcmtk 3.6.7 makes of a file: a rejection, or its DICOM JSON and what had to be removed first.</summary>
public sealed record DcmtkJsonResult(bool Rejected, string Error, string Json, IReadOnlyList<string>? TopLevelCharacterSet, bool NestedPixelDataRemoved);

/// <summary>
/// Runs dcmtk on a corpus file. dcmdump decides whether dcmtk reads the file at all (it parses every element,
/// pixel data included). dcm2json 3.6.7 then needs a prepared copy:
/// <list type="bullet">
/// <item>it cannot write encapsulated pixel data ("JSON InlineBinary encoding not supported for compressed pixel
/// data", exit 81) and has no bulk data URI option, so dcmodify erases (7FE0,0010) from the copy: only the top-level
/// one when that is the only encapsulated one, every one (nested icons too) otherwise;</item>
/// <item>dcmodify 3.6.7 drops (FFFC,FFFC) Data Set Trailing Padding on write unless told to retain it (-p=), though
/// its help calls retaining the default; dcmconv is told so too;</item>
/// <item>it keeps explicit VR UN elements as UN, where our reader re-reads them with the dictionary's VR (the spec),
/// so a copy with UN elements goes through `dcmconv +uc` (convert UN to the real VR when known) first. Without this
/// a UN-encoded (0008,0005) also makes dcm2json fail (exit 80, "Cannot select source character set").</item>
/// </list>
/// </summary>
public static partial class DcmtkJson
{
    public static DcmtkJsonResult Convert(string path, ScratchDirectory scratch)
    {
        var dump = ExternalTool.Run("dcmdump", "-q", path);
        if (dump.ExitCode != 0) return new DcmtkJsonResult(true, dump.Error, "", null, false);

        var copy = scratch.File("dcmtk-input.dcm");
        File.Copy(path, copy);
        var characterSetDump = dump.Output;
        if (UnknownVRLine().IsMatch(dump.Output))
        {
            var converted = scratch.File("dcmtk-input-un.dcm");
            Run("dcmconv", "+uc", "-p=", copy, converted);
            copy = converted;
            // dcmdump prints a UN (0008,0005) as hex bytes: take its value from the converted copy.
            characterSetDump = ExternalTool.Run("dcmdump", "-q", converted).Output;
        }
        var pixelSequences = PixelSequenceLine().Matches(dump.Output);
        var nested = pixelSequences.Any(m => m.Groups["indent"].Length > 0);
        if (pixelSequences.Count > 0) Run("dcmodify", "-nb", "-q", "-p=", nested ? "-ea" : "-e", "(7fe0,0010)", copy);

        var json = ExternalTool.Run("dcm2json", copy);
        if (json.ExitCode != 0) throw new InvalidOperationException($"dcm2json exit {json.ExitCode} on a file dcmdump reads: {json.Error}");
        return new DcmtkJsonResult(false, "", json.Output, TopLevelValues(characterSetDump, "(0008,0005)"), nested);
    }

    /// <summary>The values dcmdump prints for a top-level (unindented) element, or null when it is absent.</summary>
    public static IReadOnlyList<string>? TopLevelValues(string dump, string tag)
    {
        foreach (var line in dump.Split('\n'))
        {
            if (!line.StartsWith(tag, StringComparison.Ordinal)) continue;
            var open = line.IndexOf('[');
            var close = line.LastIndexOf(']');
            if (open < 0 || close < open) return [];
            return line[(open + 1)..close].Split('\\');
        }
        return null;
    }

    private static void Run(string tool, params string[] args)
    {
        var result = ExternalTool.Run(tool, args);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{tool} exit {result.ExitCode}: {result.Error}");
    }

    [GeneratedRegex(@"^\s*\([0-9a-f]{4},[0-9a-f]{4}\) UN ", RegexOptions.Multiline)]
    private static partial Regex UnknownVRLine();

    [GeneratedRegex(@"^(?<indent>\s*)\(7fe0,0010\) O[BW] \(PixelSequence", RegexOptions.Multiline)]
    private static partial Regex PixelSequenceLine();
}
