#!/usr/bin/env node
// `npm run gen:schema`: generates the Kubernetes field schema from the `kubernetes-models` package
// (TypeScript interfaces with JSDoc, generated from the Kubernetes OpenAPI) with ts-json-schema-generator.
// Two outputs, both committed and deterministic (sorted keys):
//   src/core/generated/schema.ts            compact field tree for the unknown-field / field-type rules
//   webview/playground/kubernetes.schema.json  JSON Schema (draft-07) with descriptions for monaco-yaml
// `node scripts/gen-schema.mjs --check` exits 1 when the committed files differ from a fresh run.
import ts from 'typescript';
import { DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser } from 'ts-json-schema-generator';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
const modelsVersion = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')).version;

/**
 * The Kubernetes release each kubernetes-models version was generated from. The package does not say it in its
 * files (its README badge is years old), so it is recorded here from the package's CHANGELOG ("Update to Kubernetes
 * v1.36.0" in 5.0.0; 5.1.0 only adds schema exports) and its generator's spec list, and checked against
 * RELEASE_MARKERS below. Bumping kubernetes-models means adding its line here.
 */
const KUBERNETES_RELEASE_OF = { '5.1.0': '1.36.0' };

/**
 * Fields that pin the release (checked in k8s.io/api at each release tag): each must be present, or absent, in the
 * installed package's .d.ts files, so a package generated from another release cannot pass for this one.
 */
const RELEASE_MARKERS = {
  '1.36.0': [
    { file: 'v1/PodSpec.d.ts', field: 'schedulingGroup', present: true, why: 'since 1.36' },
    { file: 'v1/PodSpec.d.ts', field: 'workloadRef', present: false, why: 'only in 1.35' },
    { file: 'v1/NodeSpec.d.ts', field: 'podPreemptionPolicy', present: false, why: 'since 1.37' },
  ],
};

/** The Kubernetes release of the installed kubernetes-models, after checking its markers; throws when unknown. */
export function kubernetesRelease() {
  const release = KUBERNETES_RELEASE_OF[modelsVersion];
  if (!release) {
    throw new Error(`kubernetes-models ${modelsVersion} is not in KUBERNETES_RELEASE_OF in scripts/gen-schema.mjs: find the Kubernetes release it was generated from and add it (with RELEASE_MARKERS).`);
  }
  for (const m of RELEASE_MARKERS[release] ?? []) {
    const has = new RegExp(`^ {4}"${m.field}"\\??:`, 'm').test(readFileSync(join(modelsDir, m.file), 'utf8'));
    if (has !== m.present) throw new Error(`kubernetes-models ${modelsVersion} does not look like Kubernetes ${release}: ${m.file} ${has ? 'has' : 'lacks'} ${m.field} (${m.why}).`);
  }
  return release;
}

export const OUT_TS = join(root, 'src/core/generated/schema.ts');
export const OUT_JSON = join(root, 'webview/playground/kubernetes.schema.json');

/** The kinds Service Lab knows: .d.ts file (relative to kubernetes-models), type name, apiVersion. */
export const ROOTS = [
  { file: 'v1/Service.d.ts', type: 'Service', apiVersion: 'v1' },
  { file: 'v1/Pod.d.ts', type: 'Pod', apiVersion: 'v1' },
  { file: 'v1/ReplicationController.d.ts', type: 'ReplicationController', apiVersion: 'v1' },
  { file: 'v1/ConfigMap.d.ts', type: 'ConfigMap', apiVersion: 'v1' },
  { file: 'v1/Secret.d.ts', type: 'Secret', apiVersion: 'v1' },
  { file: 'v1/Namespace.d.ts', type: 'Namespace', apiVersion: 'v1' },
  { file: 'v1/ServiceAccount.d.ts', type: 'ServiceAccount', apiVersion: 'v1' },
  { file: 'apps/v1/Deployment.d.ts', type: 'Deployment', apiVersion: 'apps/v1' },
  { file: 'apps/v1/ReplicaSet.d.ts', type: 'ReplicaSet', apiVersion: 'apps/v1' },
  { file: 'apps/v1/StatefulSet.d.ts', type: 'StatefulSet', apiVersion: 'apps/v1' },
  { file: 'apps/v1/DaemonSet.d.ts', type: 'DaemonSet', apiVersion: 'apps/v1' },
  { file: 'batch/v1/Job.d.ts', type: 'Job', apiVersion: 'batch/v1' },
  { file: 'batch/v1/CronJob.d.ts', type: 'CronJob', apiVersion: 'batch/v1' },
  { file: 'networking.k8s.io/v1/Ingress.d.ts', type: 'Ingress', apiVersion: 'networking.k8s.io/v1' },
  { file: 'networking.k8s.io/v1/IngressClass.d.ts', type: 'IngressClass', apiVersion: 'networking.k8s.io/v1' },
  { file: 'discovery.k8s.io/v1/EndpointSlice.d.ts', type: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1' },
];

/** Named aliases that keep a meaning of their own in the compact tree. */
const ALIAS_CODES = { Quantity: 'q' };

/**
 * Object types that kubernetes-models writes inline instead of by name, with the Kubernetes type each one is.
 * (Its generator copies PersistentVolumeClaim into StatefulSetSpec, with apiVersion and kind optional.) The compact
 * tree can only check named types, so these become definitions again; any other inline object stops the run.
 */
const INLINE_TYPES = { 'StatefulSetSpec.volumeClaimTemplates[]': 'PersistentVolumeClaim' };

/** kubernetes-models ships no description for Quantity (the playground's hover shows this one). */
const QUANTITY_DESCRIPTION =
  'A quantity: a number with an optional unit suffix, e.g. 500m (half a CPU), 2, 128Mi or 1Gi. Written as a string or a plain number.';

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/** kubernetes-models names its interfaces `IService`, `IServicePort`, …: the schema uses the Kubernetes names. */
const kubeName = (name) => (/^I[A-Z]/.test(name) ? name.slice(1) : name);

/** Rewrites `$ref`s from kubernetes-models interface names to Kubernetes type names. */
function renameRefs(node) {
  if (Array.isArray(node)) return node.map(renameRefs);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' ? `#/definitions/${encodeURIComponent(kubeName(refName(v)))}` : renameRefs(v);
  return out;
}

/**
 * Runs ts-json-schema-generator on one TypeScript program holding every root and merges the definitions by
 * Kubernetes type name (it stops with an error if two different types share a name). The packages are ESM with
 * `exports` maps, so the program resolves modules the way bundlers do.
 */
function collectDefinitions() {
  const program = ts.createProgram(
    ROOTS.map((r) => join(modelsDir, r.file)),
    { noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] },
  );
  const config = { ...DEFAULT_CONFIG, expose: 'all', topRef: true, jsDoc: 'extended', skipTypeCheck: true, additionalProperties: false, sortProps: true };
  const gen = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const defs = {};
  for (const r of ROOTS) {
    const schema = gen.createSchema(`I${r.type}`);
    for (const [iname, raw] of Object.entries(schema.definitions ?? {})) {
      const name = kubeName(iname);
      const def = renameRefs(raw);
      const text = JSON.stringify(sortKeys(def));
      if (defs[name] && JSON.stringify(sortKeys(defs[name])) !== text) {
        throw new Error(`two different Kubernetes types are both named ${name}: give them distinct names in gen-schema.mjs`);
      }
      defs[name] = def;
    }
  }
  for (const r of ROOTS) if (!defs[r.type]) throw new Error(`kubernetes-models has no ${r.type} in ${r.file}`);
  return defs;
}

const refName = (ref) => decodeURIComponent(ref.replace('#/definitions/', ''));

/** The compact type code of a JSON schema node: s i n b is q any [X] {X} or a type name. */
function codeOf(node, defs) {
  if (!node || typeof node !== 'object') return 'any';
  if (node.$ref) {
    const name = refName(node.$ref);
    if (ALIAS_CODES[name]) return ALIAS_CODES[name];
    const def = defs[name];
    if (!def) return 'any';
    if (isStruct(def)) return name;
    return codeOf(def, defs);
  }
  const types = Array.isArray(node.type) ? [...node.type].sort() : node.type ? [node.type] : [];
  if (node.anyOf || node.oneOf) {
    const alts = (node.anyOf ?? node.oneOf).map((a) => codeOf(a, defs)).sort();
    if (alts.join() === 'i,s') return 'is';
    if (alts.every((a) => a === alts[0])) return alts[0];
    return 'any';
  }
  if (types.join() === 'number,string') return 'is';
  if (types.length !== 1) return 'any';
  switch (types[0]) {
    case 'string':
      return 's';
    // kubernetes-models writes every integer as `number`; the API types of these kinds have no floats.
    case 'number':
    case 'integer':
      return 'i';
    case 'boolean':
      return 'b';
    case 'array':
      return `[${codeOf(node.items, defs)}]`;
    case 'object':
      if (node.properties) return 'any';
      if (node.additionalProperties && typeof node.additionalProperties === 'object') return `{${codeOf(node.additionalProperties, defs)}}`;
      return 'any';
    default:
      return 'any';
  }
}

function isStruct(def) {
  return def && def.type === 'object' && !!def.properties && Object.keys(def.properties).length > 0;
}

/** Type names reachable from the roots, so unused definitions are left out. */
function reachable(defs) {
  const seen = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.$ref) {
      const name = refName(node.$ref);
      if (!seen.has(name) && defs[name]) {
        seen.add(name);
        visit(defs[name]);
      }
      return;
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') visit(v);
  };
  for (const r of ROOTS) visit({ $ref: `#/definitions/${r.type}` });
  return seen;
}

function compactTree(defs) {
  const types = {};
  for (const name of [...reachable(defs)].sort()) {
    const def = defs[name];
    if (!isStruct(def)) continue;
    const fields = {};
    for (const [field, node] of Object.entries(def.properties)) fields[field] = codeOf(node, defs);
    types[name] = fields;
  }
  const kinds = {};
  for (const r of ROOTS) kinds[`${r.apiVersion}/${r.type}`] = r.type;
  return { kinds: sortKeys(kinds), types: sortKeys(types) };
}

function renderTs(defs, release) {
  const { kinds, types } = compactTree(defs);
  const lines = [
    `// GENERATED by scripts/gen-schema.mjs from kubernetes-models ${modelsVersion} (Kubernetes ${release}): do not edit; run \`npm run gen:schema\`.`,
    '// The known fields of each Kubernetes object type and their JSON types, for the unknown-field and',
    '// field-type rules. Type codes: s string, i integer, n number, b boolean, is int-or-string,',
    '// q quantity (string or number), any free-form, [X] list of X, {X} map of string to X, Name an object type.',
    '',
    '/** The Kubernetes release whose API the schema describes (KUBERNETES_RELEASE_OF in scripts/gen-schema.mjs). */',
    `export const SCHEMA_KUBERNETES_VERSION = ${JSON.stringify(release)};`,
    '',
    '/** "apiVersion/Kind" of each known kind, to the name of its object type. */',
    'export const SCHEMA_KINDS: Readonly<Record<string, string>> = {',
    ...Object.entries(kinds).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '};',
    '',
    '/** Object type name to its fields, each with a type code. */',
    'export const SCHEMA_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {',
    ...Object.entries(types).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '};',
    '',
  ];
  return lines.join('\n');
}

/**
 * Rewrites a generated definition for monaco-yaml: integers, int-or-string, quantities, strict objects.
 * Enums become `examples` (offered as completions, never an error): the OpenAPI enums are not the API server's
 * validation (`effect: ""` on a toleration is accepted but not in its enum). A TypeMeta `apiVersion`/`kind` is
 * never required below the root (a StatefulSet's volumeClaimTemplates leave them out).
 */
function jsonSchemaNode(node, defs) {
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => jsonSchemaNode(n, defs));
  // int-or-string is written out where it is used (not as a definition): `type: ["integer", "string"]`.
  if (node.$ref && refName(node.$ref) === 'IntOrString') {
    const alias = defs.IntOrString;
    return jsonSchemaNode({ type: alias.type, description: node.description ?? alias.description }, defs);
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'markdownDescription') continue;
    if (k === 'enum') {
      const examples = v.filter((e) => e !== '');
      if (examples.length) out.examples = examples;
      continue;
    }
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, jsonSchemaNode(s, defs)])) : k === 'description' || k === 'const' ? v : jsonSchemaNode(v, defs);
  }
  if (Array.isArray(out.required) && out.properties) {
    out.required = out.required.filter((f) => !((f === 'apiVersion' || f === 'kind') && out.properties[f]?.const !== undefined));
    if (!out.required.length) delete out.required;
  }
  const t = Array.isArray(out.type) ? [...out.type].sort().join() : out.type;
  if (t === 'number') out.type = 'integer';
  if (t === 'number,string') out.type = ['integer', 'string'];
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function renderJson(defs, release) {
  const names = reachable(defs);
  const definitions = {};
  for (const name of [...names].sort()) {
    const def = defs[name];
    if (name === 'IntOrString') continue;
    if (name === 'Quantity') {
      definitions[name] = { description: def.description ?? QUANTITY_DESCRIPTION, type: ['string', 'number'] };
      continue;
    }
    // Empty interfaces (FieldsV1, RawExtension) are free-form JSON.
    definitions[name] = def.type === 'object' && !def.properties && !def.additionalProperties ? { description: def.description, type: 'object' } : jsonSchemaNode(def, defs);
  }
  const apiVersions = [...new Set(ROOTS.map((r) => r.apiVersion))].sort();
  const kinds = [...new Set(ROOTS.map((r) => r.type))].sort();
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `GENERATED by scripts/gen-schema.mjs from kubernetes-models ${modelsVersion} (Kubernetes ${release}): do not edit; run npm run gen:schema.`,
    title: 'Kubernetes object (Service Lab playground)',
    // null: an empty document (e.g. after a trailing `---`) is not an error.
    type: ['object', 'null'],
    properties: {
      apiVersion: { description: 'The API group and version of the object, e.g. v1 for a Service or apps/v1 for a Deployment.', anyOf: [{ enum: apiVersions }, { type: 'string' }] },
      kind: { description: 'The kind of object, e.g. Service, Deployment or Ingress.', anyOf: [{ enum: kinds }, { type: 'string' }] },
    },
    required: ['apiVersion', 'kind'],
    allOf: ROOTS.map((r) => ({
      // `type: object` keeps the branch from matching non-objects vacuously.
      if: { type: 'object', properties: { apiVersion: { const: r.apiVersion }, kind: { const: r.type } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${r.type}` },
    })),
    definitions,
  };
  return JSON.stringify(sortKeys(schema), null, 1) + '\n';
}

/** Gives the inline object types of INLINE_TYPES their names back; throws on an inline object type it does not know. */
function hoistInline(defs) {
  const out = { ...defs };
  const visit = (node, where) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    if (node.type === 'object' && node.properties) {
      const name = INLINE_TYPES[where];
      if (!name) throw new Error(`kubernetes-models writes an inline object type at ${where}: add it to INLINE_TYPES in gen-schema.mjs`);
      const { description, ...def } = node;
      if (out[name] && JSON.stringify(sortKeys(out[name])) !== JSON.stringify(sortKeys(def))) throw new Error(`INLINE_TYPES: ${name} already names another type`);
      out[name] = def;
      return description === undefined ? { $ref: `#/definitions/${name}` } : { $ref: `#/definitions/${name}`, description };
    }
    const copy = { ...node };
    if (copy.items) copy.items = visit(copy.items, `${where}[]`);
    if (copy.additionalProperties && typeof copy.additionalProperties === 'object') copy.additionalProperties = visit(copy.additionalProperties, `${where}{}`);
    for (const k of ['anyOf', 'oneOf']) if (copy[k]) copy[k] = copy[k].map((a) => visit(a, where));
    return copy;
  };
  for (const [name, def] of Object.entries(defs)) {
    if (!def.properties) continue;
    const properties = {};
    for (const [field, node] of Object.entries(def.properties)) properties[field] = visit(node, `${name}.${field}`);
    out[name] = { ...out[name], properties };
  }
  return out;
}

/**
 * Makes every `status` of an object free-form: the cluster writes it, and `kubectl get -o yaml` output from a
 * newer cluster may carry status fields this release does not know. Users never need to write one.
 */
function freeFormStatus(defs) {
  const out = {};
  for (const [name, def] of Object.entries(defs)) {
    const status = def.properties?.status;
    if (status?.$ref && /Status$/.test(refName(status.$ref))) {
      out[name] = { ...def, properties: { ...def.properties, status: { description: status.description, type: 'object' } } };
    } else out[name] = def;
  }
  return out;
}

/** Generates both outputs in memory. */
export function generate() {
  const release = kubernetesRelease();
  const defs = freeFormStatus(hoistInline(collectDefinitions()));
  return { ts: renderTs(defs, release), json: renderJson(defs, release) };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { ts, json } = generate();
  if (process.argv.includes('--check')) {
    const same = readFileSync(OUT_TS, 'utf8') === ts && readFileSync(OUT_JSON, 'utf8') === json;
    console.log(same ? 'schema: up to date' : 'schema: out of date, run npm run gen:schema');
    process.exitCode = same ? 0 : 1;
  } else {
    for (const [file, text] of [[OUT_TS, ts], [OUT_JSON, json]]) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.log(`wrote ${file.slice(root.length + 1)} (${text.length} bytes)`);
    }
  }
}
