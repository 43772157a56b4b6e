using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Reconciler.GitHub.Tests.Support;

/// <summary>Keeps every formatted message, its structured values and exception text, to prove what is (not) logged.</summary>
internal sealed class CollectingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : string.Empty;
        Entries.Enqueue($"{eventId.Id} {formatter(state, exception)} | {values} | {exception}");
    }
}
