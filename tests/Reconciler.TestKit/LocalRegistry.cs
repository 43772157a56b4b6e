using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Reconciler.TestKit;

/// <summary>
/// A real OCI registry for one test class: the CNCF distribution registry (Debian <c>docker-registry</c>, installed by
/// scripts/ensure-registry.sh) on a free port of 127.0.0.1 with its own storage folder and config file, deletes enabled.
/// The Docker engine trusts 127.0.0.0/8 registries over plain HTTP by default, so push and pull need no setup. Fails
/// loudly when the binary is missing; <see cref="Dispose"/> stops the process and deletes the storage.
/// </summary>
public sealed class LocalRegistry : IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;
    private readonly TempDirectory _folder;

    private LocalRegistry(Process process, int port, TempDirectory folder)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as image references name it.</summary>
    public string Host => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Uri Url => new($"http://{Host}");

    public static async Task<LocalRegistry> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: run scripts/ensure-registry.sh (.ci/run does)");
        }

        var port = FreePort();
        var folder = new TempDirectory("rc-registry");
        var config = Path.Combine(folder.Path, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(folder.Path, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
            """);
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "serve", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry could not be started");
        var registry = new LocalRegistry(process, port, folder);
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(registry.Url, "/v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return registry;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (HttpRequestException)
            {
                registry.Dispose();
                throw new InvalidOperationException($"docker-registry did not answer on {registry.Url}: {(process.HasExited ? await stderr : "")}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The tags of a repository (path under the registry), through the registry API; empty when it has none.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(Url, $"/v2/{path}/tags/list"));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Stops the registry (the port then refuses connections); <see cref="Dispose"/> still deletes the storage.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _folder.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
