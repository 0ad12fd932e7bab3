using System.Text;

namespace MedImaging.Tests.ServiceDefaults;

/// <summary>
/// Reads the spans out of an OTLP ExportTraceServiceRequest (protobuf): only the fields the tests look at
/// (resource service.name, scope name, span trace/span/parent ids and name); every other field is skipped.
/// </summary>
internal static class OtlpTraceReader
{
    public static List<OtlpSpan> Read(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Fields(request, 1))
        {
            var service = "";
            foreach (var resource in Fields(resourceSpans, 1))
            foreach (var attribute in Fields(resource, 1))
            {
                if (Text(Fields(attribute, 1).FirstOrDefault()) == "service.name")
                    service = Text(Fields(Fields(attribute, 2).FirstOrDefault() ?? [], 1).FirstOrDefault());
            }
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Text(Fields(Fields(scopeSpans, 1).FirstOrDefault() ?? [], 1).FirstOrDefault());
                foreach (var span in Fields(scopeSpans, 2))
                {
                    spans.Add(new OtlpSpan(service, scope, Text(Fields(span, 5).FirstOrDefault()),
                        Hex(Fields(span, 1).FirstOrDefault()), Hex(Fields(span, 2).FirstOrDefault()), Hex(Fields(span, 4).FirstOrDefault())));
                }
            }
        }
        return spans;
    }

    /// <summary>The payloads of every length-delimited occurrence of <paramref name="number"/> in a message.</summary>
    internal static List<byte[]> Fields(byte[] message, int number) => Scan(message, number, wantFixed64: false);

    /// <summary>The 8 bytes of every fixed64/double occurrence of <paramref name="number"/> in a message.</summary>
    internal static List<byte[]> Fixed64(byte[] message, int number) => Scan(message, number, wantFixed64: true);

    private static List<byte[]> Scan(byte[] message, int number, bool wantFixed64)
    {
        var found = new List<byte[]>();
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message, ref position);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    Varint(message, ref position);
                    break;
                case 1:
                    if (position > message.Length - 8) throw new FormatException("truncated fixed64");
                    if (wantFixed64 && (int)(key >> 3) == number) found.Add(message[position..(position + 8)]);
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    if (length < 0 || length > message.Length - position) throw new FormatException("length beyond the message");
                    if (!wantFixed64 && (int)(key >> 3) == number) found.Add(message[position..(position + length)]);
                    position += length;
                    break;
                default:
                    throw new FormatException($"unsupported wire type {wireType}");
            }
        }
        return found;
    }

    private static ulong Varint(byte[] buffer, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= buffer.Length) throw new FormatException("truncated varint");
            var b = buffer[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("varint too long");
    }

    internal static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);
}
