using System.Text;
using MedImaging.Dicom.Tests.Fuzzing;

namespace MedImaging.Tests.Api.Uploads.Fuzzing;

/// <summary>How a fuzzed file reaches the Api: the request body around it, chosen and damaged from the input's seed.</summary>
public sealed record UploadRequestBody(string ContentType, byte[] Body, string Framing)
{
    private const string Boundary = "fuzz-boundary-7d1";

    public static UploadRequestBody For(FuzzInput input)
    {
        var random = new Random(unchecked((int)(input.Seed * 31 + 7)));
        switch (random.Next(5))
        {
            case 0:
            case 1:
                return new UploadRequestBody("application/dicom", input.Bytes, "dicom body");
            case 2:
                return Multipart([("note", "a note"u8.ToArray()), ("file", input.Bytes)], "multipart");
            case 3:
                var cut = input.Bytes[..random.Next(input.Bytes.Length + 1)];
                return Multipart([("file", input.Bytes), ("file", cut)], $"multipart, then the file cut at {cut.Length}");
            default:
                var body = Multipart([("file", input.Bytes)], "").Body;
                return new UploadRequestBody(MultipartType(), DamageFraming(body, input.Bytes.Length, random, out var damage), $"multipart, {damage}");
        }
    }

    private static string MultipartType() => $"multipart/form-data; boundary={Boundary}";

    private static UploadRequestBody Multipart(IEnumerable<(string Name, byte[] Content)> fields, string framing)
    {
        var body = new MemoryStream();
        foreach (var (name, content) in fields)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"f.dcm\"\r\nContent-Type: application/dicom\r\n\r\n"));
            body.Write(content);
            body.Write("\r\n"u8);
        }
        body.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return new UploadRequestBody(MultipartType(), body.ToArray(), framing);
    }

    // Damages the multipart framing, not the file: its part headers, its closing boundary, or a boundary in the file.
    private static byte[] DamageFraming(byte[] body, int fileLength, Random random, out string damage)
    {
        var headerLength = body.Length - fileLength - Boundary.Length - 8;
        switch (random.Next(4))
        {
            case 0:
                var at = random.Next(headerLength);
                body[at] = (byte)random.Next(256);
                damage = $"part header byte {at} set";
                return body;
            case 1:
                var end = body.Length - random.Next(1, Boundary.Length + 8);
                damage = $"closing boundary cut at {end}";
                return body[..end];
            case 2:
                var inside = headerLength + random.Next(Math.Max(1, fileLength));
                var marker = Encoding.ASCII.GetBytes($"\r\n--{Boundary}\r\n");
                damage = $"boundary inside the file at {inside}";
                return [.. body[..inside], .. marker, .. body[inside..]];
            default:
                var header = Encoding.ASCII.GetString(body, 0, headerLength).Replace("name=\"file\"", "name=file", StringComparison.Ordinal);
                damage = "unquoted field name";
                return [.. Encoding.ASCII.GetBytes(header), .. body[headerLength..]];
        }
    }
}
