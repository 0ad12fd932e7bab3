using System.Globalization;
using System.Text;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Codecs.Native;

/// <summary>
/// Issue 18 class 8: High-Throughput JPEG 2000 (TS .201 lossless, .202 lossless RPCL, .203) decodes through OpenJPEG.
/// The test files are made at test time: the first frame of a native corpus image, as dcmdump writes its samples,
/// encoded by OpenJPH's ojph_compress (openjph-tools) and put into a copy of the dataset. Lossless files must give the
/// samples back bit for bit; lossy ones must agree with OpenJPH's own decoder (ojph_expand) within one level.
/// </summary>
public class HtJ2kTests
{
    private const string Lossless = "1.2.840.10008.1.2.4.201";
    private const string LosslessRpcl = "1.2.840.10008.1.2.4.202";
    private const string Lossy = "1.2.840.10008.1.2.4.203";

    public static TheoryData<string, string, bool> LosslessCases() => new()
    {
        { "ct_ele_14s.dcm", Lossless, false },
        { "ct_ele_14s.dcm", LosslessRpcl, false },
        { "ct_ele_14s.dcm", Lossy, false }, // .203 holds reversible codestreams too
        { "mr_enh_mf10_ele_12u.dcm", Lossless, false },
        { "cr_mono1_ele_phi.dcm", LosslessRpcl, false },
        { "sc_rgb_ele_pc0.dcm", Lossless, true },
        { "us_rgb_ele_pc1.dcm", LosslessRpcl, false },
        { "us_rgb_ele_pc0.dcm", Lossless, true },
    };

    public static TheoryData<string, bool> LossyCases() => new()
    {
        { "ct_ele_14s.dcm", false },
        { "mr_enh_mf10_ele_12u.dcm", false },
        { "sc_rgb_ele_pc0.dcm", true },
        { "us_rgb_ele_pc1.dcm", false },
    };

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void Lossless_codestream_decodes_bit_exact(string corpusFile, string syntax, bool colourTransform)
    {
        using var scratch = new TempDirectory();
        var source = Source.Read(corpusFile, scratch);
        var codestream = Compress(source, scratch, reversible: true, colourTransform, syntax == LosslessRpcl ? "RPCL" : "LRCP");
        var path = WriteHtJ2kFile(corpusFile, source, codestream, syntax, colourTransform ? "YBR_RCT" : null, scratch);

        var decoded = DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(path)).DecodeFrame(0);

        Assert.Equal(source.Format.Photometric == "YBR_RCT" ? "RGB" : source.Format.Photometric, decoded.Format.Photometric);
        var expected = source.Values();
        var ours = Source.Values(decoded.Samples, source.Format);
        Assert.Equal(expected.Length, ours.Length);
        var differing = Enumerable.Range(0, ours.Length).Count(i => ours[i] != expected[i]);
        var firstDiffs = string.Join(" ", Enumerable.Range(0, ours.Length).Where(i => ours[i] != expected[i]).Take(8).Select(i => $"{i}:{expected[i]}->{ours[i]}"));
        Assert.True(differing == 0, $"{differing} of {ours.Length} samples differ from the encoded image: {firstDiffs}");
    }

    [Theory]
    [MemberData(nameof(LossyCases))]
    public void Lossy_codestream_agrees_with_openjph(string corpusFile, bool colourTransform)
    {
        using var scratch = new TempDirectory();
        var source = Source.Read(corpusFile, scratch);
        var codestream = Compress(source, scratch, reversible: false, colourTransform, "RPCL");
        var path = WriteHtJ2kFile(corpusFile, source, codestream, Lossy, colourTransform ? "YBR_ICT" : null, scratch);

        var decoded = DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(path)).DecodeFrame(0);

        var expected = Expand(codestream, source, scratch);
        var ours = Source.Values(decoded.Samples, source.Format);
        Assert.Equal(expected.Length, ours.Length);
        var off = Enumerable.Range(0, ours.Length).Count(i => Math.Abs(ours[i] - expected[i]) > 1);
        Assert.True(off <= ours.Length / 200, $"{off} of {ours.Length} samples differ from ojph_expand by more than one");
        var original = source.Values();
        Assert.True(Enumerable.Range(0, ours.Length).Any(i => ours[i] != original[i]), "a lossy file decoded without loss: the test made no lossy file");
    }

    /// <summary>
    /// The first frame's samples of a native corpus file as dcmdump writes them, interleaved. Signed samples are made
    /// unsigned (offset by half their range; the file gets Pixel Representation 0 and a matching Rescale Intercept):
    /// OpenJPH 0.9 codes negative samples in a way other JPEG 2000 codecs do not read back (aous72/OpenJPH#102, fixed
    /// in later releases; Kakadu and OpenJPEG agree with each other), so a signed ojph 0.9 file is no test of our decoder.
    /// </summary>
    private sealed record Source(PixelFormat Format, byte[] Samples, int Offset)
    {
        public static Source Read(string corpusFile, TempDirectory scratch)
        {
            var dump = DcmdumpPixelData.Read(TestCorpus.File(corpusFile), scratch);
            var format = dump.Format;
            var frame = dump.NativePixels!.AsSpan(0, (int)format.FrameLength).ToArray();
            if (format.PlanarConfiguration == 1) frame = OracleDecompression.ToInterleaved(frame, format.SamplesPerPixel, format.BytesPerSample);
            if (!format.IsSigned) return new Source(format with { PlanarConfiguration = 0 }, frame, 0);
            var offset = 1 << (format.BitsStored - 1);
            var unsigned = format with { IsSigned = false, PlanarConfiguration = 0 };
            var values = Values(frame, format);
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i] + offset;
                frame[2 * i] = (byte)value;
                frame[2 * i + 1] = (byte)(value >> 8);
            }
            return new Source(unsigned, frame, offset);
        }

        public int[] Values() => Values(Samples, Format);

        /// <summary>Each sample's value as its BitsStored bits say (sign-extended when signed).</summary>
        public static int[] Values(byte[] samples, PixelFormat format)
        {
            var count = samples.Length / format.BytesPerSample;
            var values = new int[count];
            var shift = 32 - format.BitsStored;
            for (var i = 0; i < count; i++)
            {
                var raw = format.BytesPerSample == 1 ? samples[i] : samples[2 * i] | (samples[2 * i + 1] << 8);
                values[i] = format.IsSigned ? (raw << shift) >> shift : (int)((uint)(raw << shift) >> shift);
            }
            return values;
        }
    }

    private static byte[] Compress(Source source, TempDirectory scratch, bool reversible, bool colourTransform, string order)
    {
        var format = source.Format;
        var input = WriteInput(source, scratch);
        var output = scratch.File("image.j2c");
        List<string> args = ["-i", input, "-o", output, "-reversible", reversible ? "true" : "false", "-prog_order", order];
        if (!reversible) args.AddRange(["-qstep", "0.01"]);
        if (format.SamplesPerPixel == 3) args.AddRange(["-colour_trans", colourTransform ? "true" : "false"]);
        else
            args.AddRange(["-dims", $"{{{format.Columns},{format.Rows}}}", "-num_comps", "1", "-signed", format.IsSigned ? "true" : "false",
                "-bit_depth", format.BitsStored.ToString(CultureInfo.InvariantCulture), "-downsamp", "{1,1}"]);
        ExternalTool.Run("ojph_compress", [.. args]);
        var codestream = File.ReadAllBytes(output);
        // The CAP marker segment (Part 15) is what makes a codestream HTJ2K.
        Assert.True(codestream.AsSpan(0, Math.Min(200, codestream.Length)).IndexOf([(byte)0xFF, (byte)0x50]) > 0, "no CAP marker: not HTJ2K");
        return codestream;
    }

    /// <summary>Grey images as raw little-endian samples (.yuv), colour as 8-bit PPM.</summary>
    private static string WriteInput(Source source, TempDirectory scratch)
    {
        var format = source.Format;
        if (format.SamplesPerPixel == 1)
        {
            var raw = scratch.File("image.yuv");
            File.WriteAllBytes(raw, source.Samples);
            return raw;
        }
        Assert.Equal(8, format.BitsAllocated);
        var ppm = scratch.File("image.ppm");
        File.WriteAllBytes(ppm, [.. Encoding.ASCII.GetBytes($"P6\n{format.Columns} {format.Rows}\n255\n"), .. source.Samples]);
        return ppm;
    }

    private static int[] Expand(byte[] codestream, Source source, TempDirectory scratch)
    {
        var input = scratch.File("expand.j2c");
        File.WriteAllBytes(input, codestream);
        var colour = source.Format.SamplesPerPixel == 3;
        var output = scratch.File(colour ? "expanded.ppm" : "expanded.yuv");
        ExternalTool.Run("ojph_expand", "-i", input, "-o", output);
        var bytes = colour ? Pnm.Read(output).Pixels : File.ReadAllBytes(output);
        return Source.Values(bytes, source.Format);
    }

    /// <summary>A copy of the corpus file holding the codestream as its one frame in <paramref name="syntax"/>.</summary>
    private static string WriteHtJ2kFile(string corpusFile, Source source, byte[] codestream, string syntax, string? photometric, TempDirectory scratch)
    {
        var file = MedImaging.Dicom.DicomFile.Open(TestCorpus.File(corpusFile));
        var dataset = file.Dataset;
        var fragments = new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB);
        fragments.Fragments.Add(DicomBulkData.FromMemory(codestream.Length % 2 == 0 ? codestream : [.. codestream, 0]));
        dataset.AddOrUpdate(fragments);
        if (dataset.Contains(DicomTag.NumberOfFrames)) dataset.AddOrUpdate(DicomTag.NumberOfFrames, "1");
        if (source.Format.SamplesPerPixel == 3) dataset.AddOrUpdate(DicomTag.PlanarConfiguration, (ushort)0);
        if (photometric is not null) dataset.AddOrUpdate(DicomTag.PhotometricInterpretation, photometric);
        if (source.Offset != 0)
        {
            var slope = dataset.GetSingleValueOrDefault(DicomTag.RescaleSlope, 1.0);
            var intercept = dataset.GetSingleValueOrDefault(DicomTag.RescaleIntercept, 0.0) - source.Offset * slope;
            dataset.AddOrUpdate(DicomTag.PixelRepresentation, (ushort)0);
            dataset.AddOrUpdate(DicomTag.RescaleIntercept, intercept.ToString(CultureInfo.InvariantCulture));
            foreach (var tag in new[] { DicomTag.PixelPaddingValue, DicomTag.SmallestImagePixelValue, DicomTag.LargestImagePixelValue })
                dataset.Remove(tag);
        }
        dataset.InternalTransferSyntax = DicomTransferSyntax.Parse(syntax);
        var path = scratch.File("htj2k.dcm");
        file.Save(path);
        Assert.Equal(syntax, MedImaging.Dicom.DicomFile.Open(path).FileMetaInfo.TransferSyntax?.UID.UID);
        return path;
    }
}
