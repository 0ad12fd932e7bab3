using MedImaging.Dicom.Json;

namespace MedImaging.Dicom.Tests.Fuzzing;

/// <summary>The outcome of one input: read fine, rejected with the typed exception, or a finding.</summary>
public enum FuzzOutcome { Read, Rejected, Finding }

/// <summary>
/// Reads one input fully (every value materialised, every string decoded), writes it back, reads it header-only, and
/// reads the write-back again (it must give the same DICOM JSON).
/// Only <see cref="DicomFormatException"/> may come out of reading; nothing may come out of writing back what was read;
/// allocation stays within a multiple of the input (plus, for a deflated dataset, a multiple of the inflated size
/// the read options allow: inflating into a growing buffer and copying it out costs up to ~5 times that). String decoding happens after the allocation is measured: a
/// fuzzed 800 KB text value legitimately becomes 1.6 MB of UTF-16, and the check is about the reader and writer.
/// </summary>
public static class FuzzCheck
{
    /// <summary>Bytes allocated per input byte, plus a fixed allowance for windows, arenas and the object model.</summary>
    public const int AllocationMultiple = 8;
    public const long AllocationAllowance = 2 << 20;

    public static (FuzzOutcome Outcome, string? Problem) Run(byte[] input, string? viaFile) => Run(input, viaFile, isRepeat: false);

    private static (FuzzOutcome Outcome, string? Problem) Run(byte[] input, string? viaFile, bool isRepeat)
    {
        // Deflated datasets legitimately inflate; bound them so the allocation limit still means something.
        var options = new DicomReadOptions { MaxInflatedBytes = (long)AllocationMultiple / 2 * input.Length + (1 << 20) };
        if (viaFile is not null) File.WriteAllBytes(viaFile, input);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = FuzzOutcome.Read;
        var allocated = -1L;
        string? problem = null;
        try
        {
            var file = viaFile is null ? DicomFile.Read(input, options) : DicomFile.Open(viaFile, options);
            Touch(file.Dataset, decodeStrings: false);
            try
            {
                file.Save(Stream.Null, new DicomWriteOptions { WriteRawDataset = file.Format == DicomFileFormat.RawDataset });
            }
            catch (Exception e)
            {
                return (FuzzOutcome.Finding, $"writing back what was read threw {Describe(e)}");
            }
            var header = viaFile is null ? DicomFile.Read(input, options with { StopBeforePixelData = true }) : DicomFile.Open(viaFile, options with { StopBeforePixelData = true });
            Touch(header.Dataset, decodeStrings: false);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Touch(file.Dataset, decodeStrings: true);
            if (RereadWriteBack(file) is { } rereadProblem) return (FuzzOutcome.Finding, rereadProblem);
        }
        catch (DicomFormatException e)
        {
            outcome = FuzzOutcome.Rejected;
            if (e.Offset < 0 || e.Offset > Math.Max(input.Length, options.MaxInflatedBytes))
                problem = $"DicomFormatException offset {e.Offset} outside the input ({input.Length} bytes): {e.Message}";
        }
        catch (Exception e)
        {
            return (FuzzOutcome.Finding, $"threw {Describe(e)}");
        }
        if (allocated < 0) allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var limit = (long)AllocationMultiple * input.Length + AllocationAllowance + (MayBeDeflated(input) ? 5 * options.MaxInflatedBytes : 0);
        // Lazily built tables (dictionary sections, code paths) are allocated once per process on first use: an
        // allocation finding counts only if the same input allocates too much again.
        if (allocated > limit && !isRepeat) return Run(input, viaFile, isRepeat: true);
        if (allocated > limit) problem = $"allocated {allocated} bytes for a {input.Length}-byte input (limit {limit}), twice in a row";
        return problem is null ? (outcome, null) : (FuzzOutcome.Finding, problem);
    }

    /// <summary>What we wrote from an accepted input must read back (and give the same DICOM JSON).</summary>
    private static string? RereadWriteBack(DicomFile file)
    {
        var options = new DicomWriteOptions { WriteRawDataset = file.Format == DicomFileFormat.RawDataset };
        var written = new MemoryStream();
        file.Save(written, options);
        string before;
        try
        {
            before = DicomJsonWriter.Write(file.Dataset, DicomJsonOptions.WithoutPixelData);
        }
        catch (Exception e)
        {
            return $"DICOM JSON of an accepted input threw {Describe(e)}";
        }
        try
        {
            var reread = DicomFile.Read(written.ToArray());
            var after = DicomJsonWriter.Write(reread.Dataset, DicomJsonOptions.WithoutPixelData);
            return before == after ? null : "the written-back file reads back as a different dataset (DICOM JSON differs)";
        }
        catch (Exception e)
        {
            return $"reading back our own write-back threw {Describe(e)}";
        }
    }

    private static bool MayBeDeflated(byte[] input) => input.AsSpan(0, Math.Min(input.Length, 4096)).IndexOf("1.2.840.10008.1.2.1.99"u8) >= 0;

    private static void Touch(DicomDataset dataset, bool decodeStrings)
    {
        foreach (var item in dataset)
        {
            switch (item)
            {
                case DicomSequence sequence:
                    foreach (var child in sequence.Items) Touch(child, decodeStrings);
                    break;
                case DicomFragmentSequence fragments:
                    _ = fragments.OffsetTableData.GetBytes().Length;
                    foreach (var fragment in fragments.Fragments) _ = fragment.GetBytes().Length;
                    break;
                case DicomElement element:
                    _ = element.Buffer.Length;
                    if (decodeStrings && element.VR.IsString) _ = element.GetStrings(dataset.CharacterSet);
                    break;
            }
        }
    }

    private static string Describe(Exception e) =>
        $"{e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
}
