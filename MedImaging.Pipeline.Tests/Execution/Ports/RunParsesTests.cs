using MedImaging.Pipeline.Execution.Ports;

namespace MedImaging.Pipeline.Tests.Execution.Ports;

public class RunParsesTests
{
    [Fact]
    public void The_same_bytes_are_parsed_once_per_kind()
    {
        var parses = new RunParses();
        var bytes = new ReadOnlyMemory<byte>([1, 2, 3, 4]);
        var calls = 0;
        string Parse(ReadOnlyMemory<byte> b) => $"parse {++calls} of {b.Length}";

        var first = parses.GetOrAdd(bytes, "header", Parse);
        var again = parses.GetOrAdd(bytes, "header", Parse);
        var otherKind = parses.GetOrAdd(bytes, "file", Parse);

        Assert.Same(first, again);
        Assert.NotSame(first, otherKind);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Equal_content_in_another_buffer_or_range_is_parsed_again()
    {
        var parses = new RunParses();
        byte[] buffer = [1, 2, 3, 4];
        var calls = 0;
        object Parse(ReadOnlyMemory<byte> b) => new { Call = ++calls };

        parses.GetOrAdd(buffer, "header", Parse);
        parses.GetOrAdd(buffer.ToArray(), "header", Parse);
        parses.GetOrAdd(buffer.AsMemory(0, 3), "header", Parse);

        Assert.Equal(3, calls);
    }

    [Fact]
    public void What_a_writer_added_is_found_for_its_bytes()
    {
        var parses = new RunParses();
        var written = new ReadOnlyMemory<byte>(new byte[8], 0, 5);
        var kept = new object();
        parses.Add(written, "file", kept);

        Assert.Same(kept, parses.GetOrAdd<object>(written, "file", _ => throw new InvalidOperationException("must not parse again")));
    }
}
