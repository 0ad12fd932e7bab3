using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

/// <summary>
/// An HTTP relay from 127.0.0.1 to DynamoDB Local that can be cut: a silo behind it that is then killed cannot write
/// its own farewell (Stopping, Dead) to the membership table, as a crashed process could not, so only the other
/// silos can declare it dead. Once cut, every request gets a non-retryable error at once (a refused connection
/// would be retried by the SDK for tens of seconds and hold up the silo's stop).
/// </summary>
internal sealed class CuttableProxy : IAsyncDisposable
{
    private const string CutResponseBody = """{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"cut off by the test"}""";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _relayed = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public CuttableProxy(string targetUrl)
    {
        _target = new Uri(targetUrl);
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Url { get; }

    public void Cut()
    {
        _cut = true;
        lock (_relayed)
        {
            foreach (var connection in _relayed)
                connection.Dispose();
            _relayed.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = _cut ? RefuseAsync(inbound) : RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_relayed)
        {
            _relayed.Add(inbound);
            _relayed.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_target.Host, _target.Port, _stopping.Token);
            var (a, b) = (inbound.GetStream(), outbound.GetStream());
            await Task.WhenAny(a.CopyToAsync(b, _stopping.Token), b.CopyToAsync(a, _stopping.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    // Answers each request on the connection with HTTP 400 ValidationException, which the SDK never retries.
    private async Task RefuseAsync(TcpClient inbound)
    {
        using var _ = inbound;
        try
        {
            var stream = inbound.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            while (await ReadRequestAsync(reader))
            {
                var body = Encoding.UTF8.GetBytes(CutResponseBody);
                var head = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {body.Length}\r\n\r\n");
                await stream.WriteAsync(head, _stopping.Token);
                await stream.WriteAsync(body, _stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task<bool> ReadRequestAsync(StreamReader reader)
    {
        var contentLength = 0;
        var sawRequestLine = false;
        while (await reader.ReadLineAsync(_stopping.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (!sawRequestLine)
                    continue;
                var body = new char[contentLength];
                var read = 0;
                while (read < contentLength && await reader.ReadAsync(body.AsMemory(read), _stopping.Token) is var n and > 0)
                    read += n;
                return true;
            }

            sawRequestLine = true;
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                contentLength = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return false;
    }
}
