using System.Text;
using MedImaging.Api.Uploads;
using Microsoft.AspNetCore.Http;

namespace MedImaging.Tests.Api.Uploads;

/// <summary>The multipart framing of an upload, read in process (<see cref="UploadedFiles"/>).</summary>
public sealed class UploadedFilesTests
{
    [Fact]
    public async Task A_part_header_that_never_ends_is_malformed_without_buffering_the_body()
    {
        // After the first part, a "header line" of 16 MiB with no CRLF: the reader alone held all of it.
        var body = new MemoryStream([.. "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nx\r\n--b\r\n"u8.ToArray(), .. Enumerable.Repeat((byte)'a', 16 << 20)]);
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(body)); // warm-up: JIT and the reader's static tables
        body.Position = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(body));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(UploadedFiles.HeaderBudget.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.True(allocated < 2 << 20, $"allocated {allocated} bytes");
        Assert.True(body.Position < 1 << 20, $"read {body.Position} bytes of the body");
    }

    [Fact]
    public async Task Large_fields_and_files_stream_through_the_header_budget()
    {
        var big = new string('n', 1 << 20);
        var file = Enumerable.Range(0, 3 << 20).Select(i => (byte)i).ToArray();
        var text = $"--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{big}\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.dcm\"\r\n\r\n";
        var body = new MemoryStream([.. Encoding.ASCII.GetBytes(text), .. file, .. "\r\n--b--\r\n"u8.ToArray()]);

        var files = await ReadAllAsync(body);

        Assert.Equal(file, Assert.Single(files));
    }

    private static async Task<List<byte[]>> ReadAllAsync(Stream body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "multipart/form-data; boundary=b";
        context.Request.Body = body;
        var files = new List<byte[]>();
        await foreach (var file in UploadedFiles.ReadAsync(context.Request, CancellationToken.None))
        {
            var copy = new MemoryStream();
            await file.CopyToAsync(copy);
            files.Add(copy.ToArray());
        }
        return files;
    }
}
