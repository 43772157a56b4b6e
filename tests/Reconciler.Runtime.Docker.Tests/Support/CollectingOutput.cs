using System.Collections.Concurrent;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Docker.Tests.Support;

/// <summary>Hand-written <see cref="IApplyOutput"/> sink (the worker's is the event log): keeps every chunk written.</summary>
public sealed class CollectingOutput : IApplyOutput
{
    public ConcurrentQueue<(WorkspaceKey Key, string Step, string Text)> Chunks { get; } = new();

    public string All => string.Join('\n', Chunks.Select(c => c.Text));

    public Task WriteAsync(WorkspaceKey key, string step, string text, CancellationToken cancellationToken)
    {
        Chunks.Enqueue((key, step, text));
        return Task.CompletedTask;
    }
}
