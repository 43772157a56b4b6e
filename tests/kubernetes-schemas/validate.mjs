// Validates Kubernetes objects against the official schemas: the kubernetes-models validators are generated
// from the Kubernetes OpenAPI. Reads one JSON array of objects on stdin, writes one JSON line per object
// ({index, kind, name, ok, errors}) and exits 1 when any object is invalid or of an unknown apiVersion/kind.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(0, "utf8"));
if (!Array.isArray(objects)) {
  console.error("stdin must be a JSON array of Kubernetes objects");
  process.exit(2);
}

let failed = 0;
for (const [index, object] of objects.entries()) {
  const { apiVersion, kind } = object ?? {};
  const name = object?.metadata?.name ?? null;
  let errors = [];
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    const Model = module[kind] ?? module.default;
    if (typeof Model !== "function") {
      throw new Error(`no model for ${apiVersion}/${kind}`);
    }
    new Model(object).validate();
  } catch (error) {
    errors = [String(error?.message ?? error)];
  }
  if (errors.length > 0) {
    failed++;
  }
  console.log(JSON.stringify({ index, kind: kind ?? null, name, ok: errors.length === 0, errors }));
}
process.exit(failed > 0 ? 1 : 0);
