using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.BadInput;

/// <summary>
/// Deflated datasets are inflated while they are parsed, through a small window: a bomb is refused with
/// <see cref="DicomInflateLimitException"/> holding that window, not the inflated bytes, and a value that is not kept
/// inflates again when asked for. Memory is measured as bytes allocated by the reading thread (deterministic).
/// </summary>
public class DeflateBombTests
{
    private const long Limit = 8L << 20;
    private static readonly DicomReadOptions Options = new() { MaxInflatedBytes = Limit };

    [Fact]
    public void A_bomb_of_honest_values_is_refused_at_the_limit_without_holding_what_it_inflated()
    {
        var bomb = HostileDicom.DeflateBomb(inflatedBytes: 64L << 20, valueBytes: 1 << 20);
        WarmUp();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomInflateLimitException>(() => DicomFile.Read(bomb, Options));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Limit, error.LimitBytes);
        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        // Inflating into memory first allocated more than the limit; streaming costs the window and the inflater.
        Assert.True(allocated < 2 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_value_declared_beyond_the_limit_is_refused_before_it_is_inflated()
    {
        var bomb = HostileDicom.DeflateBomb(inflatedBytes: 64L << 20);
        WarmUp();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomInflateLimitException>(() => DicomFile.Read(bomb, DicomReadOptions.HeaderOnly with { MaxInflatedBytes = Limit }));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(new DicomTag(0x0009, 0x1000), error.Tag);
        Assert.True(allocated < 2 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Values_within_the_limit_read_and_large_ones_inflate_again_when_asked_for()
    {
        var file = DicomFile.Read(HostileDicom.DeflateBomb(inflatedBytes: 3L << 20, valueBytes: 1 << 20), Options);

        Assert.Equal(HostileDicom.StudyUid, file.Dataset.GetString(DicomTag.StudyInstanceUID).TrimEnd('\0'));
        var values = file.Dataset.Where(i => i.Tag.Group == 0x0009 && i.Tag.Element >= 0x1000).Cast<DicomElement>().ToList();
        Assert.Equal(3, values.Count);
        Assert.All(values, v => Assert.IsType<InflatedBulkData>(v.BulkData));
        Assert.All(values, v => Assert.True(v.Buffer.Length == 1 << 20 && !v.Buffer.Span.ContainsAnyExcept((byte)0)));
    }

    [Fact]
    public void A_deflated_dataset_cut_inside_a_value_is_a_format_error_not_the_limit()
    {
        var bomb = HostileDicom.DeflateBomb(inflatedBytes: 4L << 20, valueBytes: 1 << 20);

        var error = Assert.ThrowsAny<DicomFormatException>(() => DicomFile.Read(bomb.AsMemory(0, bomb.Length / 2), Options));

        Assert.IsNotType<DicomInflateLimitException>(error);
    }

    private static void WarmUp()
    {
        try { DicomFile.Read(HostileDicom.DeflateBomb(inflatedBytes: 2L << 20, valueBytes: 1 << 20), Options); }
        catch (DicomFormatException) { }
    }
}
