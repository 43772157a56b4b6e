namespace Reconciler.Core.Diagnostics;

/// <summary>Stable diagnostic codes. Documented in docs/diagnostics.md; never renumber.</summary>
public static class DiagnosticCodes
{
    // Input files (RC00xx)
    public const string FileTooLarge = "RC0001";
    public const string FileNotFound = "RC0002";
    public const string PathOutsideRepository = "RC0003";
    public const string NestingTooDeep = "RC0004";
    public const string SyntaxError = "RC0005";
    public const string DuplicateKey = "RC0006";
    public const string TrailingComma = "RC0007";
    public const string YamlAnchorOrAlias = "RC0008";
    public const string YamlTag = "RC0009";
    public const string NotUtf8 = "RC0010";

    // Schema and values (RC01xx)
    public const string UnknownKey = "RC0101";
    public const string WrongType = "RC0102";
    public const string InvalidValue = "RC0103";
    public const string MissingRequired = "RC0104";
    public const string DuplicateName = "RC0105";
    public const string SchemaViolation = "RC0106";
    public const string InvalidCronExpression = "RC0107";
    public const string UnknownTimeZone = "RC0108";
    public const string LifecycleKeyNotApplicable = "RC0109";
    public const string DurationOutOfRange = "RC0110";
    public const string StorageSettingMissing = "RC0111";
    public const string StorageSettingNotApplicable = "RC0112";
    public const string StorageTypeNotOnDeployment = "RC0113";
    public const string UnknownStorageCredentials = "RC0114";
    public const string UnknownStorageEndpoint = "RC0115";

    // devcontainer Features (RC0120-RC0129)
    public const string FeatureReferenceInvalid = "RC0120";
    public const string FeatureNotFound = "RC0121";
    public const string FeatureRegistryUnreachable = "RC0122";
    public const string FeatureOptionInvalid = "RC0123";
    public const string FeatureInstallOrderCycle = "RC0124";
    public const string FeatureManifestInvalid = "RC0125";
    public const string FeatureInstallFailed = "RC0126";
    public const string FeatureMetadataRefused = "RC0127";

    // Dockerfile builds and Docker Compose (RC0130–RC0139)
    public const string BuildContextTooLarge = "RC0130";
    public const string BuildContextUnreadable = "RC0131";
    public const string ComposeFileInvalid = "RC0132";
    public const string ComposeKeyUnsupported = "RC0133";
    public const string ComposeDependencyCycle = "RC0134";
    public const string ComposeServiceUnknown = "RC0135";

    // devcontainer.json (RC02xx)
    public const string UnknownRunArg = "RC0201";
    public const string InvalidRunArg = "RC0202";
    public const string InitializeCommandIgnored = "RC0203";
    public const string LocalEnvNotAllowed = "RC0204";
    public const string UnknownVariable = "RC0205";
    public const string ReferencedFileMissing = "RC0206";
    public const string NoImageSource = "RC0207";
    public const string DevcontainerInvalid = "RC0208";

    // Configuration (RC03xx)
    public const string ConfigInvalid = "RC0301";

    // GPU inventory (RC04xx)
    public const string GpuInventoryInvalid = "RC0401";
    public const string GpuInventoryUnsafe = "RC0402";

    // Governance policy files (RC05xx)
    public const string PolicyInvalid = "RC0501";
    public const string DuplicatePolicy = "RC0502";
}
