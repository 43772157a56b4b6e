using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;

namespace Reconciler.TestKit;

/// <summary>
/// Records Docker engine events about the containers and volumes of one repository (matched by the
/// repository ownership label, or by a name fragment such as the repository hash in object names)
/// between <see cref="StartAsync"/> and <see cref="StopAsync"/>. Start and stop are fenced with sentinel
/// volumes whose own events prove the subscription is live and that every earlier event was delivered,
/// so "no events" is a real observation, not a race.
/// </summary>
public sealed class DockerEventRecorder : IAsyncDisposable
{
    /// <summary>Actions that read state; every other action changes something.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyActions = new HashSet<string>(StringComparer.Ordinal) { "archive-path", "top", "attach", "resize" };

    private const string SentinelPrefix = "reconciler-event-sentinel-";

    private readonly DockerClient _client;
    private readonly string _repository;
    private readonly IReadOnlyList<string> _nameFragments;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Message> _events = [];
    private readonly HashSet<string> _seenSentinels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<string> _sentinels = [];
    private bool _recording;
    private Task _pump = Task.CompletedTask;

    private DockerEventRecorder(string endpoint, string repository, IReadOnlyList<string> nameFragments)
    {
        _client = new DockerClientConfiguration(new Uri(endpoint)).CreateClient();
        _repository = repository;
        _nameFragments = nameFragments;
    }

    /// <summary>Events recorded so far.</summary>
    public IReadOnlyList<Message> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Recorded events whose action changes engine state.</summary>
    public IReadOnlyList<Message> MutatingEvents => [.. Events.Where(e => !ReadOnlyActions.Contains(Action(e)))];

    public static async Task<DockerEventRecorder> StartAsync(
        string repository, IEnumerable<string>? nameFragments = null, string endpoint = "unix:///var/run/docker.sock")
    {
        var recorder = new DockerEventRecorder(endpoint, repository, [.. nameFragments ?? []]);
        recorder._pump = recorder.PumpAsync();
        await recorder.FenceAsync();
        lock (recorder._gate)
        {
            recorder._recording = true;
        }

        return recorder;
    }

    /// <summary>Waits until every event before this call was delivered, then stops recording.</summary>
    public async Task<IReadOnlyList<Message>> StopAsync()
    {
        await FenceAsync();
        lock (_gate)
        {
            _recording = false;
        }

        await _stop.CancelAsync();
        await _pump;
        foreach (var sentinel in _sentinels)
        {
            await _client.Volumes.RemoveAsync(sentinel, force: true);
        }

        return Events;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _pump;
        }

        _stop.Dispose();
        _client.Dispose();
    }

    private static string Action(Message message) => message.Action ?? message.Status ?? string.Empty;

    /// <summary>Creates sentinel volumes until the event of one arrives (the subscription may still be connecting).</summary>
    private async Task FenceAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var name = SentinelPrefix + Guid.NewGuid().ToString("N");
            _sentinels.Add(name);
            await _client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name });
            for (var i = 0; i < 20; i++)
            {
                lock (_gate)
                {
                    if (_seenSentinels.Contains(name))
                    {
                        return;
                    }
                }

                await Task.Delay(25);
            }
        }

        throw new TimeoutException("the Docker event stream did not deliver the sentinel event");
    }

    private async Task PumpAsync()
    {
        var parameters = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true, ["volume"] = true },
            },
        };
        try
        {
            await _client.System.MonitorEventsAsync(parameters, new InlineProgress(OnEvent), _stop.Token);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private void OnEvent(Message message)
    {
        var attributes = message.Actor?.Attributes ?? new Dictionary<string, string>();
        var name = attributes.TryGetValue("name", out var n) ? n : message.Actor?.ID ?? string.Empty;
        lock (_gate)
        {
            if (name.StartsWith(SentinelPrefix, StringComparison.Ordinal))
            {
                _seenSentinels.Add(name);
                return;
            }

            var matches = (attributes.TryGetValue(OwnershipLabels.Repository, out var repository) && repository == _repository)
                          || _nameFragments.Any(f => name.Contains(f, StringComparison.Ordinal));
            if (_recording && matches)
            {
                _events.Add(message);
            }
        }
    }

    private sealed class InlineProgress(Action<Message> handler) : IProgress<Message>
    {
        public void Report(Message value) => handler(value);
    }
}
