using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Reconciler.Worker.Hosting;

/// <summary>
/// Serilog for the worker: text or compact JSON, to the console or a given writer. Repository, commit and workspace
/// come from <c>ILogger.BeginScope</c> in the reconciler and appear on every event of a pass.
/// </summary>
internal static class WorkerLogging
{
    private const string TextTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {Message:lj}{ScopeText:l}{NewLine}{Exception}";

    public static Logger Create(WorkerHostOptions options)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.Verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext();
        if (options.LogFormat == "text")
        {
            configuration = configuration.Enrich.With<ScopeSuffixes>();
        }

        if (options.LogOutput is { } writer)
        {
            ITextFormatter formatter = options.LogFormat == "json"
                ? new CompactJsonFormatter()
                : new MessageTemplateTextFormatter(TextTemplate, System.Globalization.CultureInfo.InvariantCulture);
            configuration = configuration.WriteTo.Sink(new WriterSink(writer, formatter));
        }
        else
        {
            configuration = options.LogFormat == "json"
                ? configuration.WriteTo.Console(new CompactJsonFormatter())
                : configuration.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return configuration.CreateLogger();
    }

    /// <summary>
    /// For the text template: renders the scope properties as one " repo=… ws=… commit=…" suffix in a property
    /// of its own (<c>ScopeText</c>), leaving Repository, Workspace and Commit as they are for JSON.
    /// </summary>
    private sealed class ScopeSuffixes : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            var text = Part(logEvent, "Repository", " repo=") + Part(logEvent, "Workspace", " ws=") + Part(logEvent, "Commit", " commit=");
            if (text.Length > 0)
            {
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("ScopeText", text));
            }
        }

        private static string Part(LogEvent logEvent, string name, string prefix)
            => logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string text }
                ? prefix + (name == "Commit" && text.Length > 12 ? text[..12] : text)
                : "";
    }

    /// <summary>Writes formatted events to one writer, one at a time.</summary>
    private sealed class WriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
    {
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}
