using System.Buffers.Binary;

namespace MedImaging.Dicom.Tests.Fuzz;

/// <summary>Makes hostile variants of valid files: bit flips, truncations, rewritten length fields and splices.</summary>
public sealed class Mutator(Random random, IReadOnlyList<byte[]> corpus)
{
    private static readonly uint[] InterestingLengths = [0, 1, 2, 3, 4, 7, 8, 0xFF, 0xFFFF, 0xFFFE, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    public (byte[] Input, string Description) Next()
    {
        var source = corpus[random.Next(corpus.Count)];
        var data = (byte[])source.Clone();
        var steps = 1 + random.Next(3);
        var description = new List<string>();
        for (var i = 0; i < steps && data.Length > 0; i++)
        {
            switch (random.Next(5))
            {
                case 0:
                    description.Add(FlipBits(data));
                    break;
                case 1:
                    var cut = random.Next(data.Length);
                    data = data[..cut];
                    description.Add($"truncate at {cut}");
                    break;
                case 2:
                case 3:
                    description.Add(RewriteLength(data));
                    break;
                default:
                    (data, var text) = Splice(data);
                    description.Add(text);
                    break;
            }
        }
        return (data, string.Join("; ", description));
    }

    private string FlipBits(byte[] data)
    {
        var count = 1 + random.Next(8);
        // Bias towards the header area, where the structure is.
        var range = Math.Min(data.Length, random.Next(2) == 0 ? 4096 : data.Length);
        for (var i = 0; i < count; i++) data[random.Next(range)] ^= (byte)(1 << random.Next(8));
        return $"flip {count} bits in the first {range} bytes";
    }

    private string RewriteLength(byte[] data)
    {
        var limit = Math.Min(data.Length, 8192);
        if (limit < 8) return "no length";
        var offset = random.Next(limit - 4) & ~1;
        var value = random.Next(3) == 0 ? (uint)random.Next() : InterestingLengths[random.Next(InterestingLengths.Length)];
        if (random.Next(2) == 0) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(offset), (ushort)value);
        else BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(offset), value);
        return $"write {value:X} at {offset}";
    }

    private (byte[], string) Splice(byte[] data)
    {
        var donor = corpus[random.Next(corpus.Count)];
        var start = random.Next(donor.Length);
        var length = Math.Min(random.Next(1, 512), donor.Length - start);
        var at = random.Next(data.Length);
        if (random.Next(2) == 0)
        {
            var result = new byte[data.Length + length];
            data.AsSpan(0, at).CopyTo(result);
            donor.AsSpan(start, length).CopyTo(result.AsSpan(at));
            data.AsSpan(at).CopyTo(result.AsSpan(at + length));
            return (result, $"insert {length} donor bytes at {at}");
        }
        var n = Math.Min(length, data.Length - at);
        donor.AsSpan(start, n).CopyTo(data.AsSpan(at));
        return (data, $"overwrite {n} bytes at {at}");
    }
}
