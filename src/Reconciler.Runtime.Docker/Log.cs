using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Docker;

/// <summary>Source-generated log messages of the Docker adapter; event ids are stable (2000–2099). Env values are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Applying {Action} to {Workspace}")]
    public static partial void Applying(ILogger logger, string action, string workspace);

    [LoggerMessage(2001, LogLevel.Warning, "Apply {Action} of {Workspace} failed: {Reason}: {Message}")]
    public static partial void ApplyFailed(ILogger logger, string action, string workspace, string reason, string message);

    [LoggerMessage(2002, LogLevel.Warning, "Container {Id} carries the managed-by label but no repository/workspace label; ignored")]
    public static partial void UnreadableContainer(ILogger logger, string id);

    [LoggerMessage(2003, LogLevel.Information, "Pulling image {Image}")]
    public static partial void Pulling(ILogger logger, string image);

    [LoggerMessage(2004, LogLevel.Information, "Building image {Image} from {Context}")]
    public static partial void Building(ILogger logger, string image, string context);

    [LoggerMessage(2005, LogLevel.Information, "Created volume {Volume}")]
    public static partial void VolumeCreated(ILogger logger, string volume);

    [LoggerMessage(2006, LogLevel.Information, "Seeded {Volume} with {Count} entries at commit {Commit}")]
    public static partial void VolumeSeeded(ILogger logger, string volume, int count, string commit);

    [LoggerMessage(2007, LogLevel.Information, "Created container {Name} ({Id})")]
    public static partial void ContainerCreated(ILogger logger, string name, string id);

    [LoggerMessage(2008, LogLevel.Information, "Running {Command} in {Name}")]
    public static partial void RunningCommand(ILogger logger, string command, string name);

    [LoggerMessage(2009, LogLevel.Information, "{Command} in {Name} exited with {ExitCode}")]
    public static partial void CommandExited(ILogger logger, string command, string name, long exitCode);

    [LoggerMessage(2010, LogLevel.Information, "Removed volume {Volume}")]
    public static partial void VolumeRemoved(ILogger logger, string volume);

    [LoggerMessage(2011, LogLevel.Warning, "Removing leftover container {Name} of the same workspace before creating it again")]
    public static partial void RemovingLeftover(ILogger logger, string name);

    [LoggerMessage(2012, LogLevel.Warning, "Refusing to touch container {Id}: it does not carry the ownership labels of {Workspace}")]
    public static partial void NotOwned(ILogger logger, string id, string workspace);

    [LoggerMessage(2013, LogLevel.Warning, "Could not undo the partial create of {Volume}: {Message}")]
    public static partial void UndoFailed(ILogger logger, string volume, string message);

    [LoggerMessage(2014, LogLevel.Warning, "Volume {Volume} was never seeded completely (an earlier apply was interrupted); seeding it again")]
    public static partial void VolumeNotSeeded(ILogger logger, string volume);

    [LoggerMessage(5661, LogLevel.Warning, "s3 volume {Volume} was never filled completely (an earlier apply was interrupted); filling it again")]
    public static partial void S3VolumeNotFilled(ILogger logger, string volume);

    [LoggerMessage(2015, LogLevel.Information, "Container {Name} finished its create path; renamed to {FinalName}")]
    public static partial void ContainerCompleted(ILogger logger, string name, string finalName);

    [LoggerMessage(2080, LogLevel.Information, "Volume {Volume} was made with other storage settings; making it again")]
    public static partial void StorageVolumeReplaced(ILogger logger, string volume);

    [LoggerMessage(2081, LogLevel.Information, "Filled {Volume} with {Count} objects of s3 bucket {Bucket}")]
    public static partial void S3VolumeFilled(ILogger logger, string volume, int count, string bucket);

    [LoggerMessage(2082, LogLevel.Information, "Uploaded {Count} new or changed files of {Volume} to s3 bucket {Bucket} ({Unchanged} unchanged)")]
    public static partial void S3VolumeUploaded(ILogger logger, string volume, int count, string bucket, int unchanged);

    [LoggerMessage(2050, LogLevel.Warning, "Activity probe of container {Id} failed: {Message}; counted as idle this pass")]
    public static partial void ActivityProbeFailed(ILogger logger, string id, string message);

    [LoggerMessage(2016, LogLevel.Information, "Started the SSH server of {Name} ({Keys} authorized keys; host keys in {HostKeys})")]
    public static partial void SshServerStarted(ILogger logger, string name, int keys, string hostKeys);

    [LoggerMessage(5620, LogLevel.Debug, "build: {Line}")]
    public static partial void BuildOutput(ILogger logger, string line);

    [LoggerMessage(5621, LogLevel.Warning, "Build output could not be written to the workspace events: {Message}")]
    public static partial void BuildOutputLost(ILogger logger, string message);

    [LoggerMessage(5622, LogLevel.Information, "Image {Image} for context hash {Hash} exists; not building")]
    public static partial void BuildCacheHit(ILogger logger, string image, string hash);

    [LoggerMessage(5623, LogLevel.Information, "Created compose service {Service} as {Name}")]
    public static partial void ComposeServiceCreated(ILogger logger, string service, string name);

    [LoggerMessage(5624, LogLevel.Information, "Recreating compose service {Service} of {Workspace}: its definition changed")]
    public static partial void ComposeServiceRecreated(ILogger logger, string service, string workspace);

    [LoggerMessage(5625, LogLevel.Information, "Removing compose service {Service} of {Workspace}: no longer selected")]
    public static partial void ComposeServiceRemoved(ILogger logger, string service, string workspace);
}
