using System.Text;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Tests.Support;

namespace MedImaging.Pipeline.Tests.Metadata;

/// <summary>
/// Real JPEGs (dcmtk and libjpeg-turbo encoded) given EXIF, XMP, IPTC, a comment, an ICC profile and trailing bytes
/// with exiftool, wrjpgcom and by hand: the stripped file has none of them by exiftool's reading, is structurally valid,
/// and djpeg decodes it to the very same samples.
/// </summary>
public sealed class JpegMetadataStripperTests : IDisposable
{
    private const string Phi = "DOE^JANE";
    private readonly ImageTools _tools = new();

    public void Dispose() => _tools.Dispose();

    [Fact]
    public void Exif_xmp_iptc_comment_icc_and_trailer_are_dropped_and_the_samples_stay_the_same()
    {
        var path = _tools.Write("tagged.jpg", Support.PlainImages.Jpeg);
        _tools.ExifToolWrite(path, $"-EXIF:Artist={Phi}", $"-EXIF:ImageDescription=MRN 12345 {Phi}", $"-XMP-dc:Creator={Phi}",
            $"-IPTC:By-line={Phi}", $"-Comment=Patient {Phi}");
        var tagged = WithIccProfileAndTrailer(File.ReadAllBytes(path));
        File.WriteAllBytes(path, tagged);
        var before = _tools.ExifToolRead(path);
        Assert.Equal(Phi, before["IFD0:Artist"]);
        Assert.Equal(Phi, before["XMP-dc:Creator"]);
        Assert.Equal(Phi, before["IPTC:By-line"]);
        Assert.Equal($"Patient {Phi}", before["File:Comment"]);

        var stripped = JpegMetadataStripper.Strip(tagged);

        var clean = _tools.Write("clean.jpg", stripped.Content.Span);
        var after = _tools.ExifToolRead(clean);
        Assert.DoesNotContain(after.Keys, k => k.StartsWith("IFD", StringComparison.Ordinal) || k.StartsWith("ExifIFD", StringComparison.Ordinal)
            || k.StartsWith("XMP", StringComparison.Ordinal) || k.StartsWith("IPTC", StringComparison.Ordinal)
            || k.StartsWith("ICC", StringComparison.Ordinal) || k.StartsWith("Photoshop", StringComparison.Ordinal) || k == "File:Comment");
        Assert.Contains("JFIF:JFIFVersion", after.Keys);
        Assert.Equal(-1, stripped.Content.Span.IndexOf(Encoding.ASCII.GetBytes(Phi)));
        Assert.Equal("", _tools.ExifToolValidate(clean));
        Assert.Equal(_tools.DecodeJpeg(path), _tools.DecodeJpeg(clean));
        Assert.Equal(new Dictionary<string, int> { ["APP1"] = 2, ["APP2"] = 1, ["APP13"] = 1, ["COM"] = 1, ["trailer"] = 1 }, stripped.Removed);
    }

    [Fact]
    public void A_progressive_rgb_jpeg_with_restart_markers_keeps_its_adobe_segment_and_every_scan()
    {
        var rgb = _tools.Write("colour.ppm", ColourPpm(_tools.DecodeJpeg(_tools.Write("grey.jpg", Support.PlainImages.Jpeg))));
        var encoded = _tools.Write("progressive.jpg", _tools.EncodeJpeg(rgb, "-rgb", "-progressive", "-restart", "1", "-quality", "92"));
        var commented = _tools.Write("commented.jpg", _tools.AddJpegComment(encoded, $"Patient {Phi}"));
        var input = File.ReadAllBytes(commented);
        Assert.Contains("Adobe:DCTEncodeVersion", _tools.ExifToolRead(commented).Keys);

        var stripped = JpegMetadataStripper.Strip(input);

        var clean = _tools.Write("clean.jpg", stripped.Content.Span);
        var after = _tools.ExifToolRead(clean);
        Assert.DoesNotContain("File:Comment", after.Keys);
        Assert.Contains("Adobe:ColorTransform", after.Keys);
        Assert.Equal(new Dictionary<string, int> { ["COM"] = 1 }, stripped.Removed);
        Assert.Equal(Markers(input, 0xDA), Markers(stripped.Content.ToArray(), 0xDA));
        Assert.True(Markers(input, 0xDD) == 1 && Markers(input, 0xDA) > 1, "the encoder wrote a restart interval and several scans");
        Assert.Equal(_tools.DecodeJpeg(commented), _tools.DecodeJpeg(clean));
    }

    [Fact]
    public void A_clean_jpeg_comes_back_byte_for_byte()
    {
        var once = JpegMetadataStripper.Strip(Support.PlainImages.Jpeg).Content.ToArray();
        var twice = JpegMetadataStripper.Strip(once);
        Assert.Equal(once, twice.Content.ToArray());
        Assert.Empty(twice.Removed);
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "no SOI", [0x89, 0x50, 0x4E, 0x47, 0, 0] },
        { "APP1 longer than the file", [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45, 0x78, 0x69, 0x66] },
        { "segment length below 2", [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x01, 0x00, 0x00] },
        { "EOI before any scan", [0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x03, 0x41, 0xFF, 0xD9] },
        { "no marker where one belongs", [0xFF, 0xD8, 0x12, 0x34, 0xFF, 0xD9] },
        { "scan data without EOI", [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34] },
        { "ends inside a marker", [0xFF, 0xD8, 0xFF, 0xFF] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_is_a_typed_error_with_its_offset(string why, byte[] jpeg)
    {
        var error = Assert.Throws<MalformedImageException>(() => JpegMetadataStripper.Strip(jpeg));
        Assert.Equal("JPEG", error.Format);
        Assert.InRange(error.Offset, 0, jpeg.Length);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public void A_truncated_real_jpeg_is_a_typed_error()
    {
        var jpeg = Support.PlainImages.Jpeg;
        Assert.Throws<MalformedImageException>(() => JpegMetadataStripper.Strip(jpeg.AsSpan(0, jpeg.Length / 2)));
    }

    // An ICC_PROFILE APP2 segment (a minimal profile header is enough for the marker walk) after SOI + APP0,
    // and text after EOI, which some tools append and viewers ignore.
    private static byte[] WithIccProfileAndTrailer(byte[] jpeg)
    {
        var app0Length = (jpeg[4] << 8) | jpeg[5];
        var insertAt = 4 + app0Length;
        var payload = Encoding.ASCII.GetBytes("ICC_PROFILE\0").Concat(new byte[] { 1, 1 }).Concat(new byte[128]).ToArray();
        byte[] segment = [0xFF, 0xE2, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        return [.. jpeg[..insertAt], .. segment, .. jpeg[insertAt..], .. Encoding.ASCII.GetBytes($"trailer {Phi}")];
    }

    // A grey binary PNM (P5) from djpeg made into a colour one (P6), each channel a different function of the grey.
    private static byte[] ColourPpm(byte[] pgm)
    {
        var text = Encoding.ASCII.GetString(pgm, 0, 32);
        var fields = text.Split((char[])['\n', ' ', '\t', '\r'], 4, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("P5", fields[0]);
        var (width, height) = (int.Parse(fields[1]), int.Parse(fields[2]));
        var samples = pgm.AsSpan(pgm.Length - width * height);
        var header = Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");
        var rgb = new byte[header.Length + samples.Length * 3];
        header.CopyTo(rgb, 0);
        for (var i = 0; i < samples.Length; i++)
        {
            var v = samples[i];
            rgb[header.Length + 3 * i] = v;
            rgb[header.Length + 3 * i + 1] = (byte)(255 - v);
            rgb[header.Length + 3 * i + 2] = (byte)(i % width * 255 / width);
        }
        return rgb;
    }

    // Marker segments of one kind outside entropy-coded data (which never holds 0xFF followed by 0xDA or 0xDD).
    private static int Markers(byte[] jpeg, byte marker)
    {
        var count = 0;
        for (var i = 0; i + 1 < jpeg.Length; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker) count++;
        return count;
    }
}
