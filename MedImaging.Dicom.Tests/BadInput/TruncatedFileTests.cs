using MedImaging.Dicom.Tests.Fuzzing;
using MedImaging.Dicom.Tests.Oracles;

namespace MedImaging.Dicom.Tests.BadInput;

/// <summary>
/// Every readable corpus file cut at many offsets: inside element headers, inside values, exactly at element ends,
/// and at evenly spread offsets. A cut inside a top-level value names that element and its offset; a cut exactly
/// after a complete top-level element is a valid shorter dataset; nothing else ever escapes but the typed exception.
/// </summary>
public class TruncatedFileTests
{
    public static TheoryData<string> ReadableFiles()
    {
        return [.. CorpusFiles.Names().Where(name => !name.StartsWith("broken_", StringComparison.Ordinal) || name == "broken_rawds_nometa.dcm")];
    }

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public void Cut_file_is_rejected_with_the_element_it_ends_in_or_read_as_a_shorter_dataset(string name)
    {
        var bytes = File.ReadAllBytes(CorpusFiles.PathOf(name));
        var layout = ElementLayout.Walk(bytes);
        var datasetStart = layout.Where(h => h.Tag >> 16 == 0x0002 && h.Depth == 0).Select(h => h.End).DefaultIfEmpty(0).Max();
        var topLevel = layout.Where(h => h.Depth == 0 && h.Kind == HeaderKind.Element && h.HasDefinedLength && h.Offset >= datasetStart).ToList();
        var step = Math.Max(1, topLevel.Count / 40);
        var checkedCuts = 0;
        for (var i = 0; i < topLevel.Count; i += step)
        {
            var element = topLevel[i];
            if (element.Length > 1)
            {
                var error = Rejected(bytes, (int)(element.ValueOffset + element.Length / 2), name);
                Assert.Equal(element.Offset, error.Offset);
                Assert.Equal<DicomTag?>(DicomTag.FromValue(element.Tag), error.Tag);
            }
            Rejected(bytes, element.Offset + 3, name);
            var prefix = DicomFile.Read(bytes.AsMemory(0, (int)element.End));
            Assert.Equal(element.Tag, prefix.Dataset.Last().Tag.Value);
            checkedCuts += 3;
        }
        for (var i = 1; i < 32; i++)
        {
            var cut = (int)((long)bytes.Length * i / 32);
            var error = Record.Exception(() => DicomFile.Read(bytes.AsMemory(0, cut)));
            Assert.True(error is null or DicomFormatException, $"{name} cut at {cut}: {error}");
            // Offsets in a deflated dataset count in the inflated stream, which is longer than the file.
            if (error is DicomFormatException format && !IsDeflated(bytes)) Assert.InRange(format.Offset, 0, cut);
            checkedCuts++;
        }
        Assert.True(checkedCuts >= 31);
    }

    [Theory]
    [InlineData("ct_ele_14s.dcm")]
    [InlineData("us_pal16_ile.dcm")]
    [InlineData("mr_enh_mf10_ebe.dcm")]
    [InlineData("ct_jpll70_12u.dcm")]
    public void File_and_memory_readers_reject_a_cut_file_at_the_same_offset_and_tag(string name)
    {
        var bytes = File.ReadAllBytes(CorpusFiles.PathOf(name));
        using var scratch = new ScratchDirectory();
        var path = scratch.File("cut.dcm");
        for (var i = 1; i < 16; i++)
        {
            var cut = bytes.Length * i / 16 + i;
            File.WriteAllBytes(path, bytes[..cut]);
            var fromFile = Record.Exception(() => DicomFile.Open(path));
            var fromMemory = Record.Exception(() => DicomFile.Read(bytes.AsMemory(0, cut)));
            Assert.True(fromMemory is null or DicomFormatException, $"{name} cut at {cut}: {fromMemory}");
            Assert.Equal(fromMemory?.GetType(), fromFile?.GetType());
            if (fromMemory is DicomFormatException m && fromFile is DicomFormatException f) Assert.Equal((m.Offset, m.Tag), (f.Offset, f.Tag));
        }
    }

    private static bool IsDeflated(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("1.2.840.10008.1.2.1.99"u8) >= 0;

    private static DicomFormatException Rejected(byte[] bytes, int cut, string name)
    {
        var error = Record.Exception(() => DicomFile.Read(bytes.AsMemory(0, cut)));
        Assert.True(error is DicomFormatException, $"{name} cut at {cut}: expected DicomFormatException, got {error?.GetType().Name ?? "a successful read"} {error?.Message}");
        var format = (DicomFormatException)error!;
        Assert.InRange(format.Offset, 0, cut);
        return format;
    }
}
