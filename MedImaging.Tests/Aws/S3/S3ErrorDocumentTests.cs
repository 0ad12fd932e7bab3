using System.Text;
using MedImaging.Aws.S3;

namespace MedImaging.Tests.Aws.S3;

/// <summary>S3's XML error bodies: the code and message of an &lt;Error&gt;, nothing from any other document.</summary>
public sealed class S3ErrorDocumentTests
{
    [Fact]
    public void An_error_document_yields_its_code_and_message_whatever_order_and_other_elements()
    {
        var error = S3ErrorDocument.TryParse(Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Key>a/b</Key>\n  <Message>Please reduce your request rate.</Message>\n  <Code>SlowDown</Code>\n  <RequestId>1</RequestId>\n</Error>"));

        Assert.Equal(new S3ErrorDocument("SlowDown", "Please reduce your request rate."), error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<CopyObjectResult><ETag>\"x\"</ETag></CopyObjectResult>")]
    [InlineData("<Error><Message>no code</Message></Error>")]
    [InlineData("<Error><Code>Unclosed")]
    [InlineData("<!DOCTYPE Error [<!ENTITY x \"SlowDown\">]><Error><Code>&x;</Code></Error>")]
    [InlineData("not xml at all")]
    public void Anything_else_is_no_error_document(string body) =>
        Assert.Null(S3ErrorDocument.TryParse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_long_message_is_cut_short()
    {
        var error = S3ErrorDocument.TryParse(Encoding.UTF8.GetBytes($"<Error><Code>InternalError</Code><Message>{new string('m', 5000)}</Message></Error>"));

        Assert.Equal(200, error!.Message!.Length);
    }
}
