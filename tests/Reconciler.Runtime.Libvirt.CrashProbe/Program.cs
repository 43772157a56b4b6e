// Usage: CrashProbe <repository> <imageDir> <storageDir> <checkoutDir> <present|absent> <memoryMiB> <pauseAt|->
// Runs one converge pass (real planner, real runtime) of workspace "main": present = DesiredVms.For(...) with that
// memory, absent = no workspace (the planner removes it). After the step named <pauseAt> it prints
// "paused at <step>" and waits on stdin, so a test can SIGKILL it exactly there. Prints "converged" at the end.
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Libvirt;
using Reconciler.Source.FileSystem;
using Reconciler.TestKit;

var (repository, images, storage, checkout, presence, memoryMiB, pauseAt) = (args[0], args[1], args[2], args[3], args[4], long.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture), args[6]);
var options = new LibvirtRuntimeOptions
{
    ImageDirectory = images,
    StorageDirectory = storage,
    ShutdownTimeout = TimeSpan.FromSeconds(1),
    StepCompleted = step =>
    {
        if (step == pauseAt)
        {
            Console.WriteLine($"paused at {step}");
            Console.In.ReadLine();
        }
    },
};
using var runtime = new LibvirtWorkspaceRuntime(options, NullLogger<LibvirtWorkspaceRuntime>.Instance);
IReadOnlyList<DesiredWorkspace> desired = presence == "present" ? [DesiredVms.For(repository, memory: memoryMiB << 20)] : [];
var plan = Planner.Plan(desired, await runtime.ObserveAsync(repository, CancellationToken.None));
foreach (var action in plan.Actions)
{
    var result = await runtime.ApplyAsync(action, new ApplyContext(new LocalCheckoutContent(checkout, repository), false), CancellationToken.None);
    Console.WriteLine($"{action.Kind}: {result.Outcome} {result.Reason}");
    if (result.Outcome != ApplyOutcome.Succeeded)
    {
        return 1;
    }
}

Console.WriteLine("converged");
return 0;
