using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Reconciler.Kubernetes.StandIn;

/// <summary>A change delivered to watchers: <c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>.</summary>
public sealed record WatchEvent(string Collection, string? Namespace, string Type, JsonObject Object);

/// <summary>
/// The stand-in's etcd: objects by collection, namespace and name, one global resourceVersion counter, and
/// the last configuration each field manager applied (for server-side apply).
/// </summary>
internal sealed class ObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Collection, string Namespace, string Name), JsonObject> _objects = [];
    private readonly Dictionary<(string Collection, string Namespace, string Name, string Manager), JsonObject> _applied = [];
    private readonly List<Channel<WatchEvent>> _watchers = [];
    private long _version = 100;

    public string CurrentVersion
    {
        get
        {
            lock (_lock)
            {
                return _version.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    public JsonObject? Get(ResourcePath path)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(Key(path), out var found) ? (JsonObject)found.DeepClone() : null;
        }
    }

    public List<JsonObject> List(ResourcePath path, string? selector)
    {
        lock (_lock)
        {
            return [.. _objects
                .Where(o => o.Key.Collection == path.Collection && (path.Namespace is null || o.Key.Namespace == path.Namespace))
                .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => o.Value)
                .Where(o => LabelSelector.Matches(selector, o))
                .Select(o => (JsonObject)o.DeepClone())];
        }
    }

    /// <summary>Creates; false when the name is taken.</summary>
    public JsonObject? Create(ResourcePath path, JsonObject body)
    {
        lock (_lock)
        {
            if (_objects.ContainsKey(Key(path)))
            {
                return null;
            }

            var meta = Metadata(body);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = "2026-01-01T00:00:00Z";
            meta["generation"] = 1L;
            if (path.Namespace is not null)
            {
                meta["namespace"] = path.Namespace;
            }

            return Store(path, body, "ADDED");
        }
    }

    /// <summary>Replaces when <paramref name="expectedVersion"/> is current (or not given). Null: not found; false: stale.</summary>
    public (JsonObject? Stored, bool Conflict) Replace(ResourcePath path, JsonObject body, string? expectedVersion)
    {
        lock (_lock)
        {
            if (!_objects.TryGetValue(Key(path), out var current))
            {
                return (null, false);
            }

            var currentVersion = current["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (expectedVersion is not null && expectedVersion != currentVersion)
            {
                return (null, true);
            }

            CarryServerFields(current, body);
            return (Store(path, body, "MODIFIED"), false);
        }
    }

    /// <summary>
    /// Server-side apply for one field manager: fields this manager applied last time and no longer applies are removed,
    /// then the applied configuration is merged in (objects merged key by key, lists and scalars replaced). A result equal
    /// to the stored object changes nothing (no new resourceVersion, no watch event).
    /// </summary>
    public (JsonObject Stored, bool Created, bool Changed) Apply(ResourcePath path, JsonObject applied, string manager)
    {
        lock (_lock)
        {
            var key = Key(path);
            var appliedKey = (key.Collection, key.Namespace, key.Name, manager);
            if (!_objects.TryGetValue(key, out var current))
            {
                _applied[appliedKey] = (JsonObject)applied.DeepClone();
                return (Create(path, applied)!, true, false);
            }

            var merged = (JsonObject)current.DeepClone();
            if (_applied.TryGetValue(appliedKey, out var previous))
            {
                JsonMerge.RemoveDropped(merged, previous, applied);
            }

            JsonMerge.Merge(merged, applied);
            _applied[appliedKey] = (JsonObject)applied.DeepClone();
            if (JsonNode.DeepEquals(merged, current))
            {
                return ((JsonObject)current.DeepClone(), false, false);
            }

            CarryServerFields(current, merged);
            return (Store(path, merged, "MODIFIED"), false, true);
        }
    }

    public JsonObject? Delete(ResourcePath path)
    {
        lock (_lock)
        {
            var key = Key(path);
            if (!_objects.Remove(key, out var removed))
            {
                return null;
            }

            foreach (var applied in _applied.Keys.Where(k => k.Collection == key.Collection && k.Namespace == key.Namespace && k.Name == key.Name).ToList())
            {
                _applied.Remove(applied);
            }

            Publish(new WatchEvent(path.Collection, path.Namespace, "DELETED", (JsonObject)removed.DeepClone()));
            return removed;
        }
    }

    public Channel<WatchEvent> Subscribe()
    {
        var channel = Channel.CreateUnbounded<WatchEvent>();
        lock (_lock)
        {
            _watchers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<WatchEvent> channel)
    {
        lock (_lock)
        {
            _watchers.Remove(channel);
        }
    }

    private JsonObject Store(ResourcePath path, JsonObject body, string eventType)
    {
        _version++;
        Metadata(body)["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
        _objects[Key(path)] = body;
        Publish(new WatchEvent(path.Collection, path.Namespace, eventType, (JsonObject)body.DeepClone()));
        return (JsonObject)body.DeepClone();
    }

    private void Publish(WatchEvent change)
    {
        foreach (var watcher in _watchers)
        {
            watcher.Writer.TryWrite(change);
        }
    }

    /// <summary>uid, creationTimestamp and status are the server's; generation grows when the spec changes.</summary>
    private static void CarryServerFields(JsonObject current, JsonObject next)
    {
        var from = Metadata(current);
        var to = Metadata(next);
        foreach (var field in new[] { "uid", "creationTimestamp", "namespace" })
        {
            to[field] = from[field]?.DeepClone();
        }

        var generation = from["generation"]?.GetValue<long>() ?? 1;
        to["generation"] = JsonNode.DeepEquals(current["spec"], next["spec"]) ? generation : generation + 1;
        if (next["status"] is null && current["status"] is not null)
        {
            next["status"] = current["status"]!.DeepClone();
        }
    }

    private static JsonObject Metadata(JsonObject body)
    {
        if (body["metadata"] is not JsonObject meta)
        {
            body["metadata"] = meta = new JsonObject();
        }

        return meta;
    }

    private static (string Collection, string Namespace, string Name) Key(ResourcePath path)
        => (path.Collection, path.Namespace ?? "", path.Name ?? throw new ArgumentException("object path without a name"));
}
