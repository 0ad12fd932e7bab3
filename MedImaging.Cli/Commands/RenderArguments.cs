using System.Globalization;
using MedImaging.Dicom.Imaging.Rendering;

namespace MedImaging.Cli.Commands;

/// <summary>Parsed arguments of `medimaging render`.</summary>
public sealed record RenderArguments(string Input, string Output, int Frame, WindowChoice Window, int? MaxSize, int Quality)
{
    /// <summary>Parses the arguments, or returns null with a reason.</summary>
    public static RenderArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        string? input = null, output = null;
        int frame = 1, quality = 90;
        int? maxSize = null;
        WindowChoice window = WindowChoice.Default;
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "-o" or "--output": output = Value(); break;
                case "--frame" when int.TryParse(Value(), CultureInfo.InvariantCulture, out var f) && f >= 1: frame = f; break;
                case "--quality" when int.TryParse(Value(), CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 100: quality = q; break;
                case "--max-size" when int.TryParse(Value(), CultureInfo.InvariantCulture, out var m) && m >= 1: maxSize = m; break;
                case "--window":
                    var parsed = ParseWindow(Value());
                    if (parsed is null) { problem = "--window takes C,W (width >= 1), minmax or file"; return null; }
                    window = parsed;
                    break;
                case "--frame": problem = "--frame takes a frame number from 1"; return null;
                case "--quality": problem = "--quality takes 1..100"; return null;
                case "--max-size": problem = "--max-size takes a positive number of pixels"; return null;
                default:
                    if (arg.StartsWith('-') || input is not null) { problem = $"unexpected argument '{arg}'"; return null; }
                    input = arg;
                    break;
            }
        }
        if (input is null || output is null) { problem = "FILE and -o OUT are required"; return null; }
        return new RenderArguments(input, output, frame, window, maxSize, quality);
    }

    private static WindowChoice? ParseWindow(string? text)
    {
        if (text is "minmax") return new WindowChoice.MinMax();
        if (text is "file") return new WindowChoice.FileOnly();
        var parts = text?.Split(',');
        if (parts is { Length: 2 }
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var c)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w >= 1)
            return new WindowChoice.Explicit(c, w);
        return null;
    }
}
