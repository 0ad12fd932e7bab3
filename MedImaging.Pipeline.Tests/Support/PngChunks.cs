using System.Buffers.Binary;
using System.IO.Compression;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>A PNG's chunk types in order, and its image data inflated with .NET's zlib (independent of the code under test).</summary>
public static class PngChunks
{
    public static IReadOnlyList<string> Types(byte[] png) => Chunks(png).Select(c => c.Type).ToList();

    /// <summary>The header and the inflated IDAT stream: equal for two files means equal pixels.</summary>
    public static (byte[] Header, byte[] Pixels) Image(byte[] png)
    {
        var chunks = Chunks(png);
        using var compressed = new MemoryStream();
        foreach (var chunk in chunks.Where(c => c.Type == "IDAT")) compressed.Write(chunk.Data);
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        return (chunks.Single(c => c.Type == "IHDR").Data, inflated.ToArray());
    }

    private static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (var position = 8; position + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            chunks.Add((System.Text.Encoding.ASCII.GetString(png, position + 4, 4), png.AsSpan(position + 8, length).ToArray()));
            position += 12 + length;
        }
        return chunks;
    }
}
