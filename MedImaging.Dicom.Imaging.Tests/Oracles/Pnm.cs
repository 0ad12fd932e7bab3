using System.Text;

namespace MedImaging.Dicom.Imaging.Tests.Oracles;

/// <summary>A binary PGM (P5) or PPM (P6) image with 8-bit samples, as dcmj2pnm writes it.</summary>
public sealed record Pnm(int Width, int Height, int Samples, byte[] Pixels)
{
    public static Pnm Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#')
            {
                if (bytes[position] == '#') while (bytes[position] != '\n') position++;
                position++;
            }
            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position])) position++;
            return Encoding.ASCII.GetString(bytes, start, position - start);
        }
        var magic = Token();
        int width = int.Parse(Token()), height = int.Parse(Token()), max = int.Parse(Token());
        position++;
        if (max != 255) throw new InvalidDataException("expected 8-bit PNM");
        var samples = magic == "P6" ? 3 : magic == "P5" ? 1 : throw new InvalidDataException($"unexpected PNM type {magic}");
        return new Pnm(width, height, samples, bytes.AsSpan(position, width * height * samples).ToArray());
    }

    /// <summary>Reads a plain (ASCII) PGM, as dcmj2pnm +opn N writes it, as its sample values (N bits each).</summary>
    public static (int Width, int Height, int MaxValue, int[] Values) ReadPlain(string path)
    {
        var tokens = File.ReadAllText(path).Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (tokens[0] != "P2") throw new InvalidDataException($"expected a plain PGM, found {tokens[0]}");
        var values = tokens.Skip(4).Select(int.Parse).ToArray();
        return (int.Parse(tokens[1]), int.Parse(tokens[2]), int.Parse(tokens[3]), values);
    }
}
