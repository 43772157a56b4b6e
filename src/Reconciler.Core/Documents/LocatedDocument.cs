using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Documents;

/// <summary>
/// A parsed YAML or JSONC document as a JSON tree plus where each value came from. Both formats are
/// read into this one shape so that schema validation, policies and error locations work the same way.
/// </summary>
public sealed record LocatedDocument(JToken Root, SourceMap Map);
