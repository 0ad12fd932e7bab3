using MedImaging.Dicom.Tests.Fuzzing;
using MedImaging.Dicom.Tests.Oracles;

namespace MedImaging.Dicom.Tests.BadInput;

/// <summary>
/// A length field claiming ~4 GB in an otherwise valid file, for each kind of length the reader trusts: an element
/// value (explicit and implicit VR, little and big endian), a sequence, an item, a fragment of encapsulated pixel
/// data, a meta group element. The reader must name the element (or the sequence / pixel data holding the item) at
/// its offset, and must not allocate more than the input's size while finding out. (The file reader allocates a
/// 64 KB window and a 16 KB arena up front whatever the input, so the files here are all well above 100 KB.)
/// </summary>
public class HostileLengthTests
{
    private const uint Hostile = 0xFFFFFFF0;

    public static TheoryData<string, string> Cases() => new()
    {
        { "ct_ele_14s.dcm", "pixel data, explicit VR little endian" },
        { "cr_mono1_nometa.dcm", "pixel data, implicit VR little endian" },
        { "ct_ebe_undefsq.dcm", "pixel data, explicit VR big endian" },
        { "ct_ele_14s.dcm", "sequence of defined length" },
        { "ct_ele_14s.dcm", "item of defined length" },
        { "ct_jpll70_12u.dcm", "fragment" },
        { "ct_ele_14s.dcm", "meta group OB element" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_length_is_rejected_at_its_element_without_allocating_more_than_the_input(string name, string where)
    {
        var bytes = File.ReadAllBytes(CorpusFiles.PathOf(name));
        DicomFile.Read(bytes); // warm-up: the dictionary and code paths initialise once per process, not per input
        var layout = ElementLayout.Walk(bytes);
        var header = where switch
        {
            "sequence of defined length" => layout.First(h => h.Kind == HeaderKind.Sequence && h.HasDefinedLength && h.LengthSize == 4),
            "item of defined length" => layout.First(h => h.Kind == HeaderKind.Item && h.HasDefinedLength),
            "fragment" => layout.Where(h => h.Kind == HeaderKind.Fragment).Skip(1).First(),
            "meta group OB element" => layout.First(h => h.Tag == 0x00020001),
            _ => layout.Single(h => h.Tag == 0x7FE00010 && h.Depth == 0),
        };
        ElementLayout.WriteLength(bytes, header, Hostile);
        var expectedTag = DicomTag.FromValue(header.Kind is HeaderKind.Item or HeaderKind.Fragment ? header.EnclosingTag : header.Tag);

        var (fromMemory, memoryAllocated) = Measure(() => DicomFile.Read(bytes));
        using var scratch = new ScratchDirectory();
        var path = scratch.File("hostile.dcm");
        File.WriteAllBytes(path, bytes);
        var (fromFile, fileAllocated) = Measure(() => DicomFile.Open(path));

        foreach (var error in new[] { fromMemory, fromFile })
        {
            Assert.Equal(header.Offset, error.Offset);
            Assert.Equal<DicomTag?>(expectedTag, error.Tag);
            Assert.Contains("exceeds", error.Reason);
        }
        Assert.True(memoryAllocated < bytes.Length, $"reading {bytes.Length} bytes from memory allocated {memoryAllocated}");
        Assert.True(fileAllocated < bytes.Length, $"reading a {bytes.Length}-byte file allocated {fileAllocated}");
    }

    private static (DicomFormatException Error, long Allocated) Measure(Func<DicomFile> read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Record.Exception(() => read());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(error is DicomFormatException, $"expected DicomFormatException, got {error?.GetType().Name ?? "a successful read"}: {error?.Message}");
        return ((DicomFormatException)error!, allocated);
    }
}
