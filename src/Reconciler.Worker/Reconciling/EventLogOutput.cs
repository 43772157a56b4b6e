using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Core.State;

namespace Reconciler.Worker.Reconciling;

/// <summary>
/// Appends a runtime's step output (image build lines) to the workspace's event log while the step runs: action = the
/// step (<c>build</c>), result <c>output</c>, the lines as the message. The status API's event list shows them in order.
/// </summary>
internal sealed class EventLogOutput(IStateStore store, string commit, string actor) : IApplyOutput
{
    public async Task WriteAsync(WorkspaceKey key, string step, string text, CancellationToken cancellationToken)
        => await store.AppendEventAsync(NewAuditEvent.For(key, commit, actor, step, "output", text), cancellationToken);
}
