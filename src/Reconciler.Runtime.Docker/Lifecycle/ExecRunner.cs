using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Lifecycle;

/// <summary>The context every lifecycle command runs in.</summary>
internal sealed record ExecSettings(string ContainerId, string? User, IReadOnlyList<string> Env, string WorkingDir);

/// <summary>Runs one argv in a running container through exec and returns its exit code; output goes to a shared tail.</summary>
internal sealed class ExecRunner(IDockerClient client, MutationCounter mutations, TimeProvider time)
{
    public async Task<long> RunAsync(ExecSettings settings, IReadOnlyList<string> argv, OutputTail tail, CancellationToken cancellationToken)
    {
        mutations.Add();
        var created = await client.Exec.ExecCreateContainerAsync(settings.ContainerId, new ContainerExecCreateParameters
        {
            Cmd = [.. argv],
            User = settings.User ?? string.Empty,
            Env = [.. settings.Env],
            WorkingDir = settings.WorkingDir,
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken);

        mutations.Add();
        using (var stream = await client.Exec.StartAndAttachContainerExecAsync(created.ID, tty: false, cancellationToken))
        {
            var buffer = new byte[16 * 1024];
            var decoder = Encoding.UTF8.GetDecoder();
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                var count = decoder.GetChars(buffer, 0, read.Count, chars, 0);
                tail.Append(new string(chars, 0, count));
            }
        }

        // The output stream ends when the process closes it; the exit code is recorded a moment later.
        for (var attempt = 0; ; attempt++)
        {
            var inspect = await client.Exec.InspectContainerExecAsync(created.ID, cancellationToken);
            if (!inspect.Running || attempt >= 200)
            {
                return inspect.ExitCode;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), time, cancellationToken);
        }
    }
}
