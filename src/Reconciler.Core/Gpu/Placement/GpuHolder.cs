using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;

namespace Reconciler.Core.Gpu.Placement;

/// <summary>
/// A runtime object that carries a GPU assignment (the <c>dev.reconciler.gpu</c> label), on any host and of any
/// repository. <see cref="Running"/> is false for a created, exited or paused container: those release their GPUs.
/// <see cref="Assignment"/>'s host is the host it was observed on.
/// </summary>
public sealed record GpuHolder(WorkspaceKey Key, string Id, GpuAssignment Assignment, bool Running);
