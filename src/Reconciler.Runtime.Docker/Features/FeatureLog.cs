using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>Log messages of the Features image step (event ids 5600-5619).</summary>
internal static partial class FeatureLog
{
    [LoggerMessage(5600, LogLevel.Information, "Features of {Workspace} resolved in install order: {Order}")]
    public static partial void Resolved(ILogger logger, string workspace, string order);

    [LoggerMessage(5601, LogLevel.Information, "Building Feature layer {Feature} on {BaseImage} as {Tag}")]
    public static partial void BuildingLayer(ILogger logger, string feature, string baseImage, string tag);

    [LoggerMessage(5602, LogLevel.Debug, "Feature layer {Feature} is cached as {Tag}")]
    public static partial void LayerCached(ILogger logger, string feature, string tag);

    [LoggerMessage(5603, LogLevel.Information, "Image with Features for {Workspace}: {Tag}")]
    public static partial void Derived(ILogger logger, string workspace, string tag);

    [LoggerMessage(5604, LogLevel.Warning, "Image {Image} has a devcontainer.metadata label that cannot be read: {Error}")]
    public static partial void BadMetadataLabel(ILogger logger, string image, string error);
}
