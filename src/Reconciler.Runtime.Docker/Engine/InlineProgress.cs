namespace Reconciler.Runtime.Docker.Engine;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread. <see cref="Progress{T}"/>
/// posts to the thread pool, so its last reports could arrive after the awaited call returned.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
