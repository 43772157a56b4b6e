namespace Reconciler.Worker.Hosting;

/// <summary>How the host logs and what it runs on; everything else comes from <c>reconciler.yaml</c>.</summary>
public sealed class WorkerHostOptions
{
    /// <summary><c>text</c> (default) or <c>json</c> (Serilog compact JSON, one event per line).</summary>
    public string LogFormat { get; init; } = "text";

    /// <summary>Debug-level logs.</summary>
    public bool Verbose { get; init; }

    /// <summary>Where logs go; null for the console (stdout). Tests capture them here.</summary>
    public TextWriter? LogOutput { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (LogFormat is not ("text" or "json"))
        {
            throw new ArgumentException($"LogFormat must be 'text' or 'json', not '{LogFormat}'.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
