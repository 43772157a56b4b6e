using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Docker.Images;

/// <summary>
/// Turns the build's stream chunks into whole lines: each line is logged, and the lines are handed to a writer in
/// chunks (whatever arrived since the last write, at most <see cref="MaxLinesPerChunk"/>) by one consumer, so a slow
/// event store never blocks the engine's progress callback. A failing writer is logged and ignored.
/// </summary>
internal sealed class BuildOutputStream : IAsyncDisposable
{
    private const int MaxLinesPerChunk = 200;

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder _partial = new();
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly Task _consumer;

    public BuildOutputStream(Func<string, CancellationToken, Task>? writer, ILogger logger)
    {
        _logger = logger;
        _consumer = writer is null ? DrainAsync() : ConsumeAsync(writer);
    }

    public void Append(string chunk)
    {
        lock (_gate)
        {
            foreach (var ch in chunk)
            {
                if (ch == '\n')
                {
                    Emit(_partial.ToString().TrimEnd('\r'));
                    _partial.Clear();
                }
                else if (_partial.Length < 4096)
                {
                    _partial.Append(ch);
                }
            }
        }
    }

    /// <summary>Flushes a last partial line and waits until every line was written.</summary>
    public async Task CompleteAsync()
    {
        lock (_gate)
        {
            if (_partial.Length > 0)
            {
                Emit(_partial.ToString());
                _partial.Clear();
            }
        }

        _lines.Writer.TryComplete();
        await _consumer;
    }

    public async ValueTask DisposeAsync() => await CompleteAsync();

    private void Emit(string line)
    {
        Log.BuildOutput(_logger, line);
        _lines.Writer.TryWrite(line);
    }

    private async Task DrainAsync()
    {
        await foreach (var _ in _lines.Reader.ReadAllAsync())
        {
        }
    }

    private async Task ConsumeAsync(Func<string, CancellationToken, Task> writer)
    {
        var chunk = new List<string>();
        while (await _lines.Reader.WaitToReadAsync())
        {
            while (chunk.Count < MaxLinesPerChunk && _lines.Reader.TryRead(out var line))
            {
                chunk.Add(line);
            }

            try
            {
                await writer(string.Join('\n', chunk), CancellationToken.None);
            }
            catch (Exception e)
            {
                Log.BuildOutputLost(_logger, e.Message);
            }

            chunk.Clear();
        }
    }
}
