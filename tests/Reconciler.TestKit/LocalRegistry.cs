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
public sealed class LocalRegistry : IDisposable, IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;
    private readonly TempDirectory _folder;

    private readonly RegistryUser? _user;

    private LocalRegistry(Process process, int port, TempDirectory folder, RegistryUser? user)
    {
        _process = process;
        _folder = folder;
        _user = user;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as image references name it.</summary>
    public string Host => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Uri Url => new($"http://{Host}");

    /// <summary><c>localhost:PORT</c>: the name @devcontainers/cli speaks plain HTTP to (Feature references and publish).</summary>
    public string LocalHost => $"localhost:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="user">With a user: basic authentication (htpasswd) for every request, anonymous ones get 401.</param>
    public static async Task<LocalRegistry> StartAsync(RegistryUser? user = null)
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
        if (user is not null)
        {
            var htpasswd = Path.Combine(folder.Path, "htpasswd");
            await File.WriteAllTextAsync(htpasswd, $"{user.Name}:{user.BcryptHash}\n");
            await File.AppendAllTextAsync(config, $"\nauth:\n  htpasswd:\n    realm: reconciler-test\n    path: {htpasswd}\n");
        }

        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "serve", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry could not be started");
        var registry = new LocalRegistry(process, port, folder, user);
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(registry.Url, "/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
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
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, $"/v2/{path}/tags/list"));
        if (_user is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{_user.Name}:{_user.Password}")));
        }

        using var response = await Http.SendAsync(request);
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

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A port the kernel hands out now (free at that instant).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A registry user: the password in clear for clients, its bcrypt hash for the registry's htpasswd file.</summary>
public sealed record RegistryUser(string Name, string Password, string BcryptHash)
{
    /// <summary>A throwaway user of test registries (bcrypt cost 4, made with Python's crypt module): not a secret.</summary>
    public static RegistryUser Robot { get; } = new("robot", "snapshot-test-pw", "$2b$04$HWHBvr7C4oX91Mb7mTum8ehwTdLm.gp7mc0eWRcTDDrzEmqiwyhva");
}
