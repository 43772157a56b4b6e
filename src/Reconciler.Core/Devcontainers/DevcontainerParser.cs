using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// Reads a devcontainer.json: JSONC → variable substitution on every string value → <see cref="DevcontainerConfig"/>.
/// Every problem is a located diagnostic; binding continues past errors so one run reports them all, but a
/// result with any error carries no value. Never throws for any text.
/// </summary>
public static class DevcontainerParser
{
    public static ParseResult<DevcontainerConfig> Parse(string text, string file, SubstitutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = JsoncReader.Read(text, file);
        if (read.Value is not { } document)
        {
            return ParseResult<DevcontainerConfig>.Failed(read.Diagnostics);
        }

        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(read.Diagnostics);
        var localEnv = new List<LocalEnvReference>();
        var root = VariableSubstitution.Apply(document.Root, document.Map, context, diagnostics, localEnv);
        var binder = new JsonBinder(document.Map, diagnostics);
        if (root is not JObject obj)
        {
            binder.WrongType(root, "", "an object");
            return ParseResult<DevcontainerConfig>.Failed(diagnostics.Items);
        }

        var config = Bind(obj, new LocatedDocument(root, document.Map), binder) with { LocalEnvReferences = localEnv };
        return diagnostics.HasErrors
            ? ParseResult<DevcontainerConfig>.Failed(diagnostics.Items)
            : new ParseResult<DevcontainerConfig>(config, diagnostics.Items);
    }

    private static DevcontainerConfig Bind(JObject root, LocatedDocument document, JsonBinder binder)
    {
        ReportKeys(root, binder);
        var (runArgs, runOptions) = RunArgsParser.Parse(root["runArgs"], "/runArgs", binder);
        return new DevcontainerConfig
        {
            Name = binder.String(root["name"], "/name"),
            Image = binder.String(root["image"], "/image"),
            Build = ImageSourceReader.ReadBuild(root, binder),
            Features = ImageSourceReader.ReadFeatures(root["features"], binder),
            Compose = ImageSourceReader.ReadCompose(root, binder),
            ContainerEnv = binder.StringMap(root["containerEnv"], "/containerEnv"),
            RemoteEnv = ImageSourceReader.ReadRemoteEnv(root["remoteEnv"], binder),
            ForwardPorts = PortReader.ReadForwardPorts(root["forwardPorts"], binder),
            AppPort = PortReader.ReadAppPort(root["appPort"], binder),
            PortsAttributes = binder.Object(root["portsAttributes"], "/portsAttributes"),
            Mounts = ReadMounts(root["mounts"], binder),
            WorkspaceFolder = binder.String(root["workspaceFolder"], "/workspaceFolder"),
            WorkspaceMount = ReadWorkspaceMount(root["workspaceMount"], binder),
            RunArgs = runArgs,
            RunOptions = runOptions,
            Privileged = binder.Bool(root["privileged"], "/privileged"),
            CapAdd = binder.StringArray(root["capAdd"], "/capAdd"),
            SecurityOpt = binder.StringArray(root["securityOpt"], "/securityOpt"),
            Init = binder.Bool(root["init"], "/init"),
            OverrideCommand = binder.Bool(root["overrideCommand"], "/overrideCommand"),
            ShutdownAction = OneOf(root["shutdownAction"], "/shutdownAction", DevcontainerKeys.ShutdownActions, binder),
            ContainerUser = binder.String(root["containerUser"], "/containerUser"),
            RemoteUser = binder.String(root["remoteUser"], "/remoteUser"),
            UpdateRemoteUserUid = binder.Bool(root["updateRemoteUserUID"], "/updateRemoteUserUID"),
            HostRequirements = HostRequirementsReader.Read(root["hostRequirements"], "/hostRequirements", binder),
            InitializeCommand = ReadInitializeCommand(root["initializeCommand"], binder),
            OnCreateCommand = LifecycleCommandReader.Read(root["onCreateCommand"], "/onCreateCommand", binder),
            UpdateContentCommand = LifecycleCommandReader.Read(root["updateContentCommand"], "/updateContentCommand", binder),
            PostCreateCommand = LifecycleCommandReader.Read(root["postCreateCommand"], "/postCreateCommand", binder),
            PostStartCommand = LifecycleCommandReader.Read(root["postStartCommand"], "/postStartCommand", binder),
            PostAttachCommand = LifecycleCommandReader.Read(root["postAttachCommand"], "/postAttachCommand", binder),
            WaitFor = OneOf(root["waitFor"], "/waitFor", DevcontainerKeys.WaitFor, binder),
            Customizations = binder.Object(root["customizations"], "/customizations"),
            Document = document,
        };
    }

    private static void ReportKeys(JObject root, JsonBinder binder)
    {
        foreach (var property in root.Properties())
        {
            if (!DevcontainerKeys.Modelled.Contains(property.Name) && !DevcontainerKeys.AcceptedUnmodelled.Contains(property.Name))
            {
                binder.Warning(
                    DiagnosticCodes.UnknownKey,
                    JsonPointer.Append("", property.Name),
                    $"unknown key {MessageText.Quote(property.Name)} is ignored (not in the devcontainer.json schema Reconciler knows)",
                    atKey: true);
            }
        }
    }

    private static LifecycleCommand? ReadInitializeCommand(JToken? token, JsonBinder binder)
    {
        var command = LifecycleCommandReader.Read(token, "/initializeCommand", binder);
        if (token is not null)
        {
            binder.Warning(
                DiagnosticCodes.InitializeCommandIgnored,
                "/initializeCommand",
                "initializeCommand is never executed: it would run on the Reconciler host",
                atKey: true);
        }

        return command;
    }

    private static List<MountSpec> ReadMounts(JToken? token, JsonBinder binder)
    {
        var mounts = new List<MountSpec>();
        if (binder.Array(token, "/mounts") is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (MountParser.Read(array[i], JsonPointer.Append("/mounts", i), binder) is { } mount)
                {
                    mounts.Add(mount);
                }
            }
        }

        return mounts;
    }

    private static MountSpec? ReadWorkspaceMount(JToken? token, JsonBinder binder)
    {
        if (binder.String(token, "/workspaceMount") is not { } text)
        {
            return null;
        }

        var mount = MountParser.Parse(text, out var error);
        if (mount is null)
        {
            binder.Invalid("/workspaceMount", error!);
        }

        return mount;
    }

    private static string? OneOf(JToken? token, string pointer, string[] allowed, JsonBinder binder)
    {
        var value = binder.String(token, pointer);
        if (value is not null && !allowed.Contains(value))
        {
            binder.Invalid(pointer, $"{MessageText.Quote(value)} is not allowed: expected one of {string.Join(", ", allowed)}");
            return null;
        }

        return value;
    }
}
