using System.Buffers.Binary;
using MedImaging.Dicom.Tests.Fuzzing;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.BadInput;

/// <summary>
/// Each broken_* corpus file gives a <see cref="DicomFormatException"/> (never another type) from a path, a byte
/// buffer and a stream alike, naming the offset and the tag where the file stops making sense; the expected place
/// is worked out from the file's bytes, independently of the reader.
/// </summary>
public class BrokenCorpusFileTests
{
    public static TheoryData<string> BrokenFiles()
    {
        var data = new TheoryData<string>();
        foreach (var row in TestCorpus.Manifest)
            if (row.IsBroken && !row.Notes.StartsWith("missing meta", StringComparison.Ordinal)) data.Add(row.File);
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Path_buffer_and_stream_reads_agree_on_a_format_exception_with_offset_and_tag(string name)
    {
        var path = TestCorpus.File(name);
        var fromPath = ReadError(() => DicomFile.Open(path));
        var fromBuffer = ReadError(() => DicomFile.Read(File.ReadAllBytes(path)));
        using var stream = File.OpenRead(path);
        var fromStream = ReadError(() => DicomFile.Read(stream));
        Assert.InRange(fromPath.Offset, 0, new FileInfo(path).Length);
        Assert.Equal((fromPath.Offset, fromPath.Tag), (fromBuffer.Offset, fromBuffer.Tag));
        Assert.Equal((fromPath.Offset, fromPath.Tag), (fromStream.Offset, fromStream.Tag));
        Assert.Contains($"at offset {fromPath.Offset}", fromPath.Message);
        if (fromPath.Tag is { } tag) Assert.Contains(tag.ToString(), fromPath.Message);
    }

    [Fact]
    public void Overlong_patient_name_runs_into_pixel_data_and_the_element_found_there_is_named()
    {
        // PatientName's length was set to 0xFFF0: it still fits the file, so the reader resumes 0xFFF0 bytes later
        // inside pixel data and the garbage "element" there is what is rejected.
        var bytes = File.ReadAllBytes(TestCorpus.File("broken_badlen.dcm"));
        var patientName = bytes.AsSpan().IndexOf(new byte[] { 0x10, 0x00, 0x10, 0x00, (byte)'P', (byte)'N', 0xF0, 0xFF });
        Assert.True(patientName > 0);
        var resumeAt = patientName + 8 + 0xFFF0;
        var error = ReadError(() => DicomFile.Open(TestCorpus.File("broken_badlen.dcm")));
        Assert.Equal(resumeAt, error.Offset);
        Assert.Equal(TagAt(bytes, resumeAt), error.Tag);
    }

    [Theory]
    [InlineData("broken_trunc_header.dcm")]
    [InlineData("broken_trunc_pixel.dcm")]
    public void Truncated_file_names_the_top_level_element_that_overruns_the_end(string name)
    {
        var bytes = File.ReadAllBytes(TestCorpus.File(name));
        var overrun = ElementLayout.Walk(bytes).First(h => h.Depth == 0 && h.HasDefinedLength && h.End > bytes.Length);
        var error = ReadError(() => DicomFile.Open(TestCorpus.File(name)));
        Assert.Equal(overrun.Offset, error.Offset);
        Assert.Equal(DicomTag.FromValue(overrun.Tag), error.Tag);
        Assert.Contains("exceeds", error.Reason);
    }

    [Fact]
    public void Random_bytes_in_the_middle_are_rejected_inside_the_overwritten_range_with_the_tag_read_there()
    {
        // Bytes 700-955 were overwritten with random data.
        var bytes = File.ReadAllBytes(TestCorpus.File("broken_garbage_mid.dcm"));
        var error = ReadError(() => DicomFile.Open(TestCorpus.File("broken_garbage_mid.dcm")));
        Assert.InRange(error.Offset, 700, 955);
        Assert.Equal(TagAt(bytes, (int)error.Offset), error.Tag);
    }

    [Theory]
    [InlineData("broken_garbage.dcm")]
    [InlineData("broken_badmagic.dcm")]
    [InlineData("broken_nopreamble.dcm")]
    public void File_that_is_not_dicom_from_its_first_bytes_is_rejected_at_offset_zero_without_a_tag(string name)
    {
        // No 'DICM' at 128 and the first bytes are no plausible element (or 'DICM' sits at 0): there is no element to name.
        var error = ReadError(() => DicomFile.Open(TestCorpus.File(name)));
        Assert.Equal(0, error.Offset);
        Assert.Null(error.Tag);
    }

    private static DicomFormatException ReadError(Func<DicomFile> read)
    {
        var error = Record.Exception(() => read());
        Assert.True(error is DicomFormatException, $"expected DicomFormatException, got {error?.GetType().Name ?? "none"}: {error?.Message}");
        return (DicomFormatException)error!;
    }

    private static DicomTag TagAt(byte[] bytes, int offset) =>
        new(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset)), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 2)));
}
