using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests.PixelData;

public class PixelDataCleanerTests
{
    private static DeidentificationPolicy Clean(params PixelCleaningRule[] rules) =>
        DeidentificationPolicy.Basic with { CleanPixelData = true, PixelCleaningRules = rules };

    private static DicomDataset Image(int rows, int columns, int frames, int samples, int planar, int bytesPerSample)
    {
        var dataset = Datasets.Ct();
        dataset.AddOrUpdate(DicomVR.CS, DicomTag.Modality, "US");
        dataset.AddOrUpdate(DicomVR.US, DicomTag.Rows, (ushort)rows);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.Columns, (ushort)columns);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.SamplesPerPixel, (ushort)samples);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.PlanarConfiguration, (ushort)planar);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.BitsAllocated, (ushort)(bytesPerSample * 8));
        dataset.AddOrUpdate(DicomVR.IS, DicomTag.NumberOfFrames, frames.ToString());
        var pixels = Enumerable.Range(0, rows * columns * samples * bytesPerSample * frames).Select(i => (byte)(i % 251 + 1)).ToArray();
        dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, bytesPerSample == 2 ? DicomVR.OW : DicomVR.OB, pixels));
        return dataset;
    }

    private static byte[] Pixels(DicomDataset dataset) => ((DicomElement)dataset.GetDicomItem(DicomTag.PixelData)!).Buffer.ToArray();

    [Fact]
    public void Blanks_the_rectangle_in_every_frame_and_nothing_else()
    {
        var dataset = Image(rows: 4, columns: 5, frames: 2, samples: 1, planar: 0, bytesPerSample: 2);
        var original = Pixels(dataset);
        var result = Datasets.Deidentify(dataset, Clean(new PixelCleaningRule("US", null, 4, 5, [new PixelRectangle(1, 1, 2, 2)])));
        var cleaned = Pixels(result.File.Dataset);

        for (var frame = 0; frame < 2; frame++)
            for (var row = 0; row < 4; row++)
                for (var column = 0; column < 5; column++)
                {
                    var offset = ((frame * 4 + row) * 5 + column) * 2;
                    var inside = row is 1 or 2 && column is 1 or 2;
                    Assert.Equal(inside ? (byte)0 : original[offset], cleaned[offset]);
                    Assert.Equal(inside ? (byte)0 : original[offset + 1], cleaned[offset + 1]);
                }
        Assert.Contains("clean_pixel_data", result.Audit.Options);
        Assert.False(result.Audit.BurnedInAnnotationRisk.AtRisk);
        Assert.Contains(result.File.Dataset.GetSequence(DicomTag.DeidentificationMethodCodeSequence)!.Items, i => i.GetString(DicomTag.CodeValue) == "113101");
    }

    [Fact]
    public void Planar_color_blanks_each_plane()
    {
        var dataset = Image(rows: 3, columns: 3, frames: 1, samples: 3, planar: 1, bytesPerSample: 1);
        var cleaned = Pixels(Datasets.Deidentify(dataset, Clean(new PixelCleaningRule(null, null, null, null, [new PixelRectangle(0, 0, 3, 1)]))).File.Dataset);
        for (var plane = 0; plane < 3; plane++)
        {
            Assert.All(cleaned.Skip(plane * 9).Take(3), b => Assert.Equal(0, b));
            Assert.All(cleaned.Skip(plane * 9 + 3).Take(6), b => Assert.NotEqual(0, b));
        }
    }

    [Fact]
    public void Rectangles_are_clipped_to_the_image()
    {
        var dataset = Image(rows: 2, columns: 2, frames: 1, samples: 3, planar: 0, bytesPerSample: 1);
        var cleaned = Pixels(Datasets.Deidentify(dataset, Clean(new PixelCleaningRule(null, null, null, null, [new PixelRectangle(1, 1, 50, 50)]))).File.Dataset);
        Assert.All(cleaned.Take(9), b => Assert.NotEqual(0, b));
        Assert.All(cleaned.Skip(9), b => Assert.Equal(0, b));
    }

    [Fact]
    public void No_matching_rule_leaves_pixels_and_risk_unchanged()
    {
        var dataset = Image(rows: 2, columns: 2, frames: 1, samples: 1, planar: 0, bytesPerSample: 1);
        var original = Pixels(dataset);
        var result = Datasets.Deidentify(dataset, Clean(new PixelCleaningRule("CT", null, null, null, [new PixelRectangle(0, 0, 1, 1)])));
        Assert.Equal(original, Pixels(result.File.Dataset));
        Assert.True(result.Audit.BurnedInAnnotationRisk.AtRisk);
        Assert.DoesNotContain("clean_pixel_data", result.Audit.Options);
    }

    [Fact]
    public void Corpus_ultrasound_header_band_is_blanked_on_disk()
    {
        var policy = Clean(PixelCleaningRuleParser.Parse("US,*,480,640,0,0,640,40"));
        var (bytes, _) = CorpusDeidentification.Run("us_rgb_ele_pc1_phi.dcm", policy);
        var original = PixelDataBytes.Of(DicomFile.Open(TestCorpus.File("us_rgb_ele_pc1_phi.dcm")));
        var cleaned = PixelDataBytes.Of(DicomFile.Read(bytes));
        // The file is interleaved RGB (Planar Configuration 0): the band is the first 40 rows of 640 x 3 bytes.
        const int band = 40 * 640 * 3;
        Assert.Equal(original.Length, cleaned.Length);
        Assert.All(cleaned.AsSpan(0, band).ToArray(), b => Assert.Equal(0, b));
        Assert.True(cleaned.AsSpan(band).SequenceEqual(original.AsSpan(band)));
    }

    [Theory]
    [InlineData("us_mono8_jpll70.dcm")]
    [InlineData("mr_enh_mf10_jls80.dcm")]
    [InlineData("ct_rle_frags.dcm")]
    public void Lossless_compressed_pixel_data_is_decoded_blanked_and_written_uncompressed(string name)
    {
        var rectangle = new PixelRectangle(3, 2, 20, 9);
        var (bytes, result) = CorpusDeidentification.Run(name, Clean(new PixelCleaningRule(null, null, null, null, [rectangle])));
        var output = DicomFile.Read(bytes);
        var oracle = Gdcm.Decompress(TestCorpus.File(name));

        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, output.FileMetaInfo.TransferSyntax);
        Assert.Contains("clean_pixel_data", result.Audit.Options);
        var dataset = output.Dataset;
        var rows = dataset.GetValue<int>(DicomTag.Rows);
        var columns = dataset.GetValue<int>(DicomTag.Columns);
        var bytesPerSample = dataset.GetValue<int>(DicomTag.BitsAllocated) / 8;
        var cleaned = PixelDataBytes.Of(output);
        var expected = PixelDataBytes.Of(oracle);
        Assert.Equal(expected.Length, cleaned.Length);
        var frameBytes = rows * columns * bytesPerSample;
        for (var offset = 0; offset < cleaned.Length; offset++)
        {
            var pixel = offset % frameBytes / bytesPerSample;
            var (row, column) = (pixel / columns, pixel % columns);
            var inside = row >= rectangle.Y && row < rectangle.Y + rectangle.Height && column >= rectangle.X && column < rectangle.X + rectangle.Width;
            if (inside)
                Assert.Equal(0, cleaned[offset]);
            else if (cleaned[offset] != expected[offset])
                Assert.Fail($"byte {offset} (row {row}, column {column}) differs from gdcmconv --raw");
        }
        var (exitCode, _, errors) = Dcmtk.DumpBytes(bytes);
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public void Lossy_compressed_pixel_data_is_blanked_and_stays_marked_lossy()
    {
        var (bytes, result) = CorpusDeidentification.Run("us_mono8_jpeg50.dcm", Clean(new PixelCleaningRule("US", null, null, null, [new PixelRectangle(0, 0, 1024, 40)])));
        var output = DicomFile.Read(bytes);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, output.FileMetaInfo.TransferSyntax);
        Assert.Equal("01", output.Dataset.GetString(DicomTag.LossyImageCompression));
        var pixels = PixelDataBytes.Of(output);
        Assert.Equal(768 * 1024, pixels.Length);
        Assert.All(pixels.AsSpan(0, 40 * 1024).ToArray(), b => Assert.Equal(0, b));
        Assert.Contains(pixels.AsSpan(40 * 1024).ToArray(), b => b != 0);
        Assert.False(result.Audit.BurnedInAnnotationRisk.AtRisk);
    }

    [Fact]
    public void Colour_that_the_codec_converts_says_its_new_photometric_interpretation()
    {
        var (bytes, _) = CorpusDeidentification.Run("sc_ybrfull_jpeg50.dcm", Clean(new PixelCleaningRule(null, null, null, null, [new PixelRectangle(0, 0, 4, 4)])));
        var dataset = DicomFile.Read(bytes).Dataset;
        var rows = dataset.GetValue<int>(DicomTag.Rows);
        var columns = dataset.GetValue<int>(DicomTag.Columns);
        Assert.Contains(dataset.GetString(DicomTag.PhotometricInterpretation), new[] { "RGB", "YBR_FULL" });
        Assert.Equal(0, dataset.GetValue<int>(DicomTag.PlanarConfiguration));
        Assert.Equal(rows * columns * 3, PixelDataBytes.Of(DicomFile.Read(bytes)).Length);
        Assert.Equal(0, Dcmtk.DumpBytes(bytes).ExitCode);
    }
}
