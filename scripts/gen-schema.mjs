#!/usr/bin/env node
// `npm run gen:schema`: generates the Kubernetes field schema from the `kubernetes-types` package
// (TypeScript definitions generated from the Kubernetes OpenAPI) with ts-json-schema-generator.
// Two outputs, both committed and deterministic (sorted keys):
//   src/core/generated/schema.ts            compact field tree for the unknown-field / field-type rules
//   webview/playground/kubernetes.schema.json  JSON Schema (draft-07) with descriptions for monaco-yaml
// `node scripts/gen-schema.mjs --check` exits 1 when the committed files differ from a fresh run.
import { createGenerator } from 'ts-json-schema-generator';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const typesDir = dirname(require.resolve('kubernetes-types/package.json'));
const typesVersion = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')).version;

export const OUT_TS = join(root, 'src/core/generated/schema.ts');
export const OUT_JSON = join(root, 'webview/playground/kubernetes.schema.json');

/** The kinds Service Lab knows: .d.ts file (relative to kubernetes-types), type name, apiVersion. */
export const ROOTS = [
  { file: 'core/v1.d.ts', type: 'Service', apiVersion: 'v1' },
  { file: 'core/v1.d.ts', type: 'Pod', apiVersion: 'v1' },
  { file: 'core/v1.d.ts', type: 'ReplicationController', apiVersion: 'v1' },
  { file: 'core/v1.d.ts', type: 'ConfigMap', apiVersion: 'v1' },
  { file: 'core/v1.d.ts', type: 'Secret', apiVersion: 'v1' },
  { file: 'core/v1.d.ts', type: 'Namespace', apiVersion: 'v1' },
  { file: 'core/v1.d.ts', type: 'ServiceAccount', apiVersion: 'v1' },
  { file: 'apps/v1.d.ts', type: 'Deployment', apiVersion: 'apps/v1' },
  { file: 'apps/v1.d.ts', type: 'ReplicaSet', apiVersion: 'apps/v1' },
  { file: 'apps/v1.d.ts', type: 'StatefulSet', apiVersion: 'apps/v1' },
  { file: 'apps/v1.d.ts', type: 'DaemonSet', apiVersion: 'apps/v1' },
  { file: 'batch/v1.d.ts', type: 'Job', apiVersion: 'batch/v1' },
  { file: 'batch/v1.d.ts', type: 'CronJob', apiVersion: 'batch/v1' },
  { file: 'networking/v1.d.ts', type: 'Ingress', apiVersion: 'networking.k8s.io/v1' },
  { file: 'networking/v1.d.ts', type: 'IngressClass', apiVersion: 'networking.k8s.io/v1' },
  { file: 'discovery/v1.d.ts', type: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1' },
];

/** Named aliases that keep a meaning of their own in the compact tree. */
const ALIAS_CODES = { Quantity: 'q' };

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/** Runs ts-json-schema-generator once per .d.ts file and merges the definitions by type name. */
function collectDefinitions() {
  const defs = {};
  const byFile = new Map();
  for (const r of ROOTS) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r.type]);
  for (const [file, types] of [...byFile].sort()) {
    const gen = createGenerator({ path: join(typesDir, file), type: '*', expose: 'all', topRef: true, jsDoc: 'extended', skipTypeCheck: true, additionalProperties: false, sortProps: true });
    for (const type of types) {
      const schema = gen.createSchema(type);
      for (const [name, def] of Object.entries(schema.definitions ?? {})) {
        const text = JSON.stringify(sortKeys(def));
        if (defs[name] && JSON.stringify(sortKeys(defs[name])) !== text) {
          throw new Error(`two different Kubernetes types are both named ${name}: give them distinct names in gen-schema.mjs`);
        }
        defs[name] = def;
      }
    }
  }
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
    // kubernetes-types writes every integer as `number`; the API types of these kinds have no floats.
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

function renderTs(defs) {
  const { kinds, types } = compactTree(defs);
  const lines = [
    '// GENERATED by scripts/gen-schema.mjs from kubernetes-types ' + typesVersion + ': do not edit; run `npm run gen:schema`.',
    '// The known fields of each Kubernetes object type and their JSON types, for the unknown-field and',
    '// field-type rules. Type codes: s string, i integer, n number, b boolean, is int-or-string,',
    '// q quantity (string or number), any free-form, [X] list of X, {X} map of string to X, Name an object type.',
    '',
    '/** Version of the kubernetes-types package (= Kubernetes minor release) the schema comes from. */',
    `export const SCHEMA_KUBERNETES_VERSION = ${JSON.stringify(typesVersion)};`,
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

/** Rewrites a generated definition for monaco-yaml: integers, int-or-string, quantities, strict objects. */
function jsonSchemaNode(node, defs) {
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => jsonSchemaNode(n, defs));
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'markdownDescription') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, jsonSchemaNode(s, defs)])) : k === 'description' || k === 'const' || k === 'enum' ? v : jsonSchemaNode(v, defs);
  }
  const t = Array.isArray(out.type) ? [...out.type].sort().join() : out.type;
  if (t === 'number') out.type = 'integer';
  if (t === 'number,string') out.type = ['integer', 'string'];
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function renderJson(defs) {
  const names = reachable(defs);
  const definitions = {};
  for (const name of [...names].sort()) {
    const def = defs[name];
    if (name === 'Quantity') {
      definitions[name] = { description: def.description, type: ['string', 'number'] };
      continue;
    }
    // Empty interfaces (FieldsV1, RawExtension) are free-form JSON.
    definitions[name] = def.type === 'object' && !def.properties && !def.additionalProperties ? { description: def.description, type: 'object' } : jsonSchemaNode(def, defs);
  }
  const apiVersions = [...new Set(ROOTS.map((r) => r.apiVersion))].sort();
  const kinds = [...new Set(ROOTS.map((r) => r.type))].sort();
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `GENERATED by scripts/gen-schema.mjs from kubernetes-types ${typesVersion}: do not edit; run npm run gen:schema.`,
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
  const defs = freeFormStatus(collectDefinitions());
  return { ts: renderTs(defs), json: renderJson(defs) };
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
