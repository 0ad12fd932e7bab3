using System.Text;

namespace MedImaging.Dicom.Tests.Fuzzing;

/// <summary>
/// Deterministic mutations of corpus files: the same seed always gives the same input, so a finding is reproduced
/// by its seed alone. One to three of: bit flips, byte sets, truncation, a length field edited at an element
/// boundary, a splice of two files at element boundaries, a VR code swapped.
/// </summary>
public sealed class DicomMutator(IReadOnlyList<FuzzSeedFile> files)
{
    private static readonly uint[] InterestingLengths = [0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF,
        0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0xFFFFFFFE, 0xFFFFFFFF];
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x20, 0x5C];
    private static readonly string[] VRCodes = ["AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
        "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV", "XX", "\0\0"];

    /// <summary>Reads every unmutated file once on the calling thread (one-time initialisation happens here).</summary>
    public void WarmUp()
    {
        foreach (var file in files) FuzzCheck.Run(file.Bytes, null);
    }

    public FuzzInput Mutate(long seed)
    {
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var file = files[random.Next(files.Count)];
        var bytes = (byte[])file.Bytes.Clone();
        var layout = file.Headers;
        var applied = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count && bytes.Length > 0; i++)
        {
            switch (random.Next(6))
            {
                case 0: applied.Add(FlipBits(bytes, random)); break;
                case 1: applied.Add(SetBytes(bytes, random)); break;
                case 2:
                    var length = random.Next(bytes.Length);
                    bytes = bytes[..length];
                    applied.Add($"truncate@{length}");
                    break;
                case 3: applied.Add(EditLength(bytes, layout, random)); break;
                case 4:
                    (bytes, var splice) = Splice(bytes, layout, random);
                    layout = [];
                    applied.Add(splice);
                    break;
                default: applied.Add(SwapVR(bytes, layout, random)); break;
            }
            if (applied[^1].StartsWith("truncate", StringComparison.Ordinal)) layout = layout.Where(h => h.End <= bytes.Length).ToList();
        }
        return new FuzzInput(seed, file.Name, string.Join(", ", applied), bytes);
    }

    private static string FlipBits(byte[] bytes, Random random)
    {
        var n = 1 + random.Next(8);
        var at = Position(bytes, random);
        for (var i = 0; i < n; i++)
        {
            var position = random.Next(4) == 0 ? random.Next(bytes.Length) : Math.Min(bytes.Length - 1, at + random.Next(16));
            bytes[position] ^= (byte)(1 << random.Next(8));
        }
        return $"flip{n}@{at}";
    }

    private static string SetBytes(byte[] bytes, Random random)
    {
        var n = 1 + random.Next(8);
        var at = Position(bytes, random);
        for (var i = 0; i < n && at + i < bytes.Length; i++)
            bytes[at + i] = random.Next(2) == 0 ? InterestingBytes[random.Next(InterestingBytes.Length)] : (byte)random.Next(256);
        return $"set{n}@{at}";
    }

    /// <summary>Most files spend their bytes in pixel data; bias positions towards the header part.</summary>
    private static int Position(byte[] bytes, Random random) =>
        random.Next(3) == 0 ? random.Next(bytes.Length) : random.Next(Math.Min(bytes.Length, 4096));

    private static string EditLength(byte[] bytes, IReadOnlyList<EncodedHeader> layout, Random random)
    {
        var candidates = layout.Where(h => h.LengthOffset + h.LengthSize <= bytes.Length).ToList();
        if (candidates.Count == 0) return SetBytes(bytes, random);
        var header = candidates[random.Next(candidates.Count)];
        var remaining = (uint)(bytes.Length - header.ValueOffset);
        var length = random.Next(4) switch
        {
            0 => InterestingLengths[random.Next(InterestingLengths.Length)],
            1 => remaining + (uint)random.Next(-2, 3),
            2 => header.Length + (uint)random.Next(-8, 9),
            _ => (uint)random.NextInt64(0, uint.MaxValue),
        };
        ElementLayout.WriteLength(bytes, header, length);
        return $"length({header.Tag:X8}@{header.Offset})={length}";
    }

    private (byte[] Bytes, string Description) Splice(byte[] bytes, IReadOnlyList<EncodedHeader> layout, Random random)
    {
        var other = files[random.Next(files.Count)];
        var cut = layout.Count > 0 && random.Next(4) != 0 ? layout[random.Next(layout.Count)].Offset : random.Next(bytes.Length + 1);
        var from = other.Headers.Count > 0 && random.Next(4) != 0 ? other.Headers[random.Next(other.Headers.Count)].Offset : random.Next(other.Bytes.Length + 1);
        cut = Math.Min(cut, bytes.Length);
        var result = new byte[cut + other.Bytes.Length - from];
        bytes.AsSpan(0, cut).CopyTo(result);
        other.Bytes.AsSpan(from).CopyTo(result.AsSpan(cut));
        return (result, $"splice@{cut}+{other.Name}@{from}");
    }

    private static string SwapVR(byte[] bytes, IReadOnlyList<EncodedHeader> layout, Random random)
    {
        var candidates = layout.Where(h => h.VROffset >= 0 && h.VROffset + 2 <= bytes.Length).ToList();
        if (candidates.Count == 0) return FlipBits(bytes, random);
        var header = candidates[random.Next(candidates.Count)];
        var code = VRCodes[random.Next(VRCodes.Length)];
        Encoding.ASCII.GetBytes(code).CopyTo(bytes, header.VROffset);
        return $"vr({header.Tag:X8}@{header.Offset})={code.Replace("\0", "00", StringComparison.Ordinal)}";
    }
}
