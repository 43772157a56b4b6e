using Microsoft.Extensions.Logging;
using Reconciler.Runtime.Libvirt.Native;

namespace Reconciler.Runtime.Libvirt.Domains;

/// <summary>Start, graceful stop and undefine of one domain by name; every call that changes the host is counted.</summary>
internal sealed class DomainOperations(LibvirtConnection connection, MutationCounter mutations, LibvirtRuntimeOptions options, ILogger logger)
{
    private const int ShutOff = 5;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public void Start(string name)
    {
        if (connection.State(name) is 1)
        {
            return;
        }

        mutations.Add();
        connection.Start(name);
        Log.Started(logger, name);
    }

    /// <summary>ACPI shutdown, then power off when the guest has not stopped within <see cref="LibvirtRuntimeOptions.ShutdownTimeout"/>.</summary>
    public async Task StopAsync(string name, CancellationToken cancellationToken)
    {
        var state = connection.State(name);
        if (state is null or ShutOff)
        {
            return;
        }

        if (state is 1 or 2)
        {
            mutations.Add();
            connection.Shutdown(name);
        }

        var clock = options.TimeProvider;
        var deadline = clock.GetUtcNow() + options.ShutdownTimeout;
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, clock, cancellationToken);
            if (connection.State(name) is null or ShutOff)
            {
                Log.Stopped(logger, name);
                return;
            }
        }

        Log.ShutdownTimedOut(logger, name, options.ShutdownTimeout);
        if (connection.State(name) is not (null or ShutOff))
        {
            mutations.Add();
            connection.Destroy(name);
        }

        Log.Stopped(logger, name);
    }

    /// <summary>Stops (gracefully) and undefines; the disks stay where they are.</summary>
    public async Task UndefineAsync(string name, CancellationToken cancellationToken)
    {
        await StopAsync(name, cancellationToken);
        options.StepCompleted?.Invoke("stopped");
        if (connection.State(name) is not null)
        {
            mutations.Add();
            connection.Undefine(name);
            options.StepCompleted?.Invoke("undefined");
        }
    }
}
