using System.Xml;

namespace MedImaging.Aws.S3;

/// <summary>S3's XML error body (&lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;&lt;Message&gt;…&lt;/Message&gt;…&lt;/Error&gt;).</summary>
public sealed record S3ErrorDocument(string Code, string? Message)
{
    private const int MaxMessageLength = 200;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = 64 * 1024,
    };

    /// <summary>The error in <paramref name="body"/>, or null when the body is not an S3 &lt;Error&gt; document.</summary>
    public static S3ErrorDocument? TryParse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Error") return null;
            string? code = null, message = null;
            reader.Read();
            while (!reader.EOF && (code is null || message is null))
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1) reader.Read();
                else if (reader.LocalName == "Code") code = reader.ReadElementContentAsString();
                else if (reader.LocalName == "Message") message = reader.ReadElementContentAsString();
                else reader.Skip();
            }
            return code is { Length: > 0 } ? new S3ErrorDocument(code, Truncate(message)) : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? Truncate(string? message) => message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] : message;
}
