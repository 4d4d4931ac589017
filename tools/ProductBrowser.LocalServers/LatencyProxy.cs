using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace ProductBrowser.LocalServers;

/// <summary>
/// A TCP proxy on a loopback port that delays every byte by <see cref="OneWayDelay"/> in each direction, the way a
/// warehouse Wi-Fi link does: latency without a bandwidth limit, order kept, WebSockets included (it never looks at the
/// bytes). The delay can change while connections are open; bytes already in flight keep the delay they were sent with.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private long _delayTicks;

    public LatencyProxy(Uri upstream, TimeSpan oneWayDelay)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        OneWayDelay = oneWayDelay;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseAddress = new UriBuilder(upstream) { Port = port }.Uri;
        _accepting = AcceptAsync(_stopping.Token);
    }

    /// <summary>The address to use instead of the upstream's.</summary>
    public Uri BaseAddress { get; }

    public TimeSpan OneWayDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            _ = RelayAsync(client, stopping);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken stopping)
    {
        using var downstream = client;
        using var upstream = new TcpClient { NoDelay = true };
        downstream.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(_upstream, stopping);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var up = PumpAsync(downstream.GetStream(), upstream.GetStream(), connection.Token);
            var down = PumpAsync(upstream.GetStream(), downstream.GetStream(), connection.Token);
            await Task.WhenAny(up, down);
            await connection.CancelAsync();
            await Task.WhenAll(up, down);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Reads as fast as data comes and writes each chunk once its delay has passed, so delay never limits throughput.</summary>
    private async Task PumpAsync(Stream from, Stream to, CancellationToken cancellation)
    {
        var chunks = Channel.CreateUnbounded<(long DueAt, byte[] Bytes)>(new() { SingleReader = true, SingleWriter = true });
        var writing = WriteWhenDueAsync(chunks.Reader, to, cancellation);
        try
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await from.ReadAsync(buffer, cancellation);
                if (read == 0)
                {
                    break;
                }

                var dueAt = Environment.TickCount64 + (long)OneWayDelay.TotalMilliseconds;
                chunks.Writer.TryWrite((dueAt, buffer[..read]));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            chunks.Writer.TryComplete();
        }

        try
        {
            await writing;
            (to as NetworkStream)?.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    private static async Task WriteWhenDueAsync(ChannelReader<(long DueAt, byte[] Bytes)> chunks, Stream to, CancellationToken cancellation)
    {
        await foreach (var (dueAt, bytes) in chunks.ReadAllAsync(cancellation))
        {
            var wait = dueAt - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellation);
            }

            await to.WriteAsync(bytes, cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
