using System.Globalization;
using System.Text.RegularExpressions;
using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Tests.Oracles;

/// <summary>
/// What dcmtk's <c>dcmdump +W</c> says about a file's top-level pixel attributes, with the pixel data
/// (native value or encapsulated items) written out by dcmdump itself.
/// </summary>
public sealed partial record DcmdumpPixelData(IReadOnlyDictionary<string, string> Attributes, byte[]? NativePixels, IReadOnlyList<byte[]> Items)
{
    public static DcmdumpPixelData Read(string dicomFile, TempDirectory scratch)
    {
        var dump = ExternalTool.Run("dcmdump", "+W", scratch.Path, "+L", "-q", dicomFile);
        var attributes = new Dictionary<string, string>();
        byte[]? native = null;
        var items = new List<byte[]>();
        var inPixelSequence = false;
        foreach (var line in dump.Split('\n'))
        {
            var top = TopLevel().Match(line);
            if (top.Success)
            {
                var tag = top.Groups[1].Value;
                var value = top.Groups[3].Value.Trim();
                inPixelSequence = tag == "7fe0,0010" && value.StartsWith("(PixelSequence", StringComparison.Ordinal);
                if (tag == "7fe0,0010" && value.StartsWith('=')) native = System.IO.File.ReadAllBytes(value[1..].Split(' ')[0]);
                else attributes[tag] = value;
                continue;
            }
            var item = PixelItem().Match(line);
            if (inPixelSequence && item.Success) items.Add(System.IO.File.ReadAllBytes(item.Groups[1].Value));
        }
        return new DcmdumpPixelData(attributes, native, items);
    }

    public int Integer(string tag, int fallback = 0) =>
        Attributes.TryGetValue(tag, out var v) && int.TryParse(v.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : fallback;

    public string Text(string tag) =>
        Attributes.TryGetValue(tag, out var v) && v.StartsWith('[') ? v[1..v.IndexOf(']')] : "";

    public int Frames => Math.Max(1, int.TryParse(Text("0028,0008"), out var n) ? n : 1);

    public PixelFormat Format => new(Integer("0028,0010"), Integer("0028,0011"), Integer("0028,0002", 1),
        Integer("0028,0100"), Integer("0028,0101"), Integer("0028,0102"), Integer("0028,0103") == 1,
        Text("0028,0004"), Integer("0028,0006"));

    /// <summary>Frame bytes from the items after the offset table: all of them for one frame, else one item per frame.</summary>
    public byte[] EncapsulatedFrame(int index)
    {
        if (Frames == 1) return Items.Skip(1).SelectMany(b => b).ToArray();
        if (Items.Count - 1 != Frames) throw new InvalidOperationException("test helper expects one fragment per frame");
        return Items[1 + index];
    }

    [GeneratedRegex(@"^\(([0-9a-f]{4},[0-9a-f]{4})\) (\w\w) (.*?)\s+#")]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"^  \(fffe,e000\) pi =(\S+)")]
    private static partial Regex PixelItem();
}
