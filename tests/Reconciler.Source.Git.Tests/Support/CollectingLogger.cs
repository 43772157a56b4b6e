using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Reconciler.Source.Git.Tests.Support;

/// <summary>Keeps every formatted message and every structured value, so tests can search them for secrets.</summary>
public sealed class CollectingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        Lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} | {values} | {exception}");
    }
}
