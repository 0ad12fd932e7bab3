using System.Buffers.Binary;
using System.Text;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Tests.Support;

namespace MedImaging.Pipeline.Tests.Metadata;

/// <summary>
/// A real PNG (dcmtk encoded) given text, compressed text, international text (XMP), EXIF and a modification time by
/// exiftool: the stripped file has none of those chunks, passes exiftool's CRC and structure check, and inflates to the
/// same image data.
/// </summary>
public sealed class PngMetadataStripperTests : IDisposable
{
    private const string Phi = "DOE^JANE";
    private readonly ImageTools _tools = new();

    public void Dispose() => _tools.Dispose();

    [Fact]
    public void Text_xmp_exif_and_time_chunks_are_dropped_and_the_image_data_stays_the_same()
    {
        var path = _tools.Write("tagged.png", Support.PlainImages.Png);
        _tools.ExifToolWrite(path, $"-PNG:Comment={Phi}", $"-PNG:Title={Phi}", $"-XMP-dc:Creator={Phi}", $"-EXIF:Artist={Phi}",
            "-PNG:ModifyDate=2020:01:01 10:00:00");
        _tools.ExifToolWrite(path, "-z", $"-PNG:Description={string.Concat(Enumerable.Repeat($"{Phi} MRN 12345 ", 20))}");
        var tagged = File.ReadAllBytes(path);
        Assert.Superset(new HashSet<string> { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" }, PngChunks.Types(tagged).ToHashSet());

        var stripped = PngMetadataStripper.Strip(tagged);

        var output = stripped.Content.ToArray();
        var clean = _tools.Write("clean.png", output);
        Assert.Equal(PngChunks.Types(tagged).Where(t => t is not ("tEXt" or "zTXt" or "iTXt" or "eXIf" or "tIME")), PngChunks.Types(output));
        var after = _tools.ExifToolRead(clean);
        Assert.DoesNotContain(after.Keys, k => k is "PNG:Comment" or "PNG:Title" or "PNG:Description" or "PNG:ModifyDate" or "PNG:Software"
            || k.StartsWith("XMP", StringComparison.Ordinal) || k.StartsWith("IFD", StringComparison.Ordinal));
        Assert.Equal(-1, output.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Phi)));
        Assert.Equal("", _tools.ExifToolValidate(clean));
        var (header, pixels) = PngChunks.Image(tagged);
        Assert.Equal(header, PngChunks.Image(output).Header);
        Assert.Equal(pixels, PngChunks.Image(output).Pixels);
        Assert.Equal(1, stripped.Removed["zTXt"]);
        Assert.Equal((1, 1, 1), (stripped.Removed["iTXt"], stripped.Removed["eXIf"], stripped.Removed["tIME"]));
        Assert.True(stripped.Removed["tEXt"] >= 3); // comment, title and dcmtk's own software/version texts
    }

    [Fact]
    public void Bytes_after_iend_are_dropped()
    {
        byte[] png = [.. Support.PlainImages.Png, .. Encoding.ASCII.GetBytes(Phi)];
        var stripped = PngMetadataStripper.Strip(png);
        Assert.Equal(-1, stripped.Content.Span.IndexOf(Encoding.ASCII.GetBytes(Phi)));
        Assert.Equal(1, stripped.Removed["trailer"]);
    }

    public static TheoryData<string, byte[]> Malformed()
    {
        var png = Support.PlainImages.Png;
        byte[] WithLength(uint length)
        {
            var copy = png.ToArray();
            BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(8 + 8 + 13 + 4), length); // the chunk after IHDR
            return copy;
        }
        var notIhdrFirst = png.ToArray();
        notIhdrFirst[12] = (byte)'i';
        var badType = png.ToArray();
        badType[13] = (byte)'1';
        return new TheoryData<string, byte[]>
        {
            { "no signature", [0xFF, 0xD8, 0xFF, 0xE0] },
            { "chunk length 2^31 - 1", WithLength(int.MaxValue) },
            { "chunk length 2^32 - 1", WithLength(uint.MaxValue) },
            { "chunk longer than the file", WithLength((uint)png.Length) },
            { "first chunk not IHDR", notIhdrFirst },
            { "chunk type not letters", badType },
            { "no IEND", png[..^12] },
            { "signature only", png[..8] },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_is_a_typed_error_with_its_offset(string why, byte[] png)
    {
        var error = Assert.Throws<MalformedImageException>(() => PngMetadataStripper.Strip(png));
        Assert.Equal("PNG", error.Format);
        Assert.InRange(error.Offset, 0, png.Length);
        Assert.False(string.IsNullOrEmpty(why));
    }
}
