// Small readers shared by the Ingress and workload validation rules: typed field access on plain
// values, the "(API server: …)" message suffix, and which objects are in a served API version.
import type { Path, Span } from '../model';
import type { K8sObject } from '../parse';
import { locate } from '../parse';
import { apiError, isDNS1123Subdomain } from '../validation';
import { WORKLOADS, rec } from '../k8s';
import type { Json } from '../k8s';

export { arr, rec } from '../k8s';

/** The string at `key`, or undefined when absent or not a string (wrong types are the field-type rule's job). */
export function str(m: Json, key: string): string | undefined {
  const v = m[key];
  return typeof v === 'string' ? v : undefined;
}

/** The integer at `key`, or undefined when absent or not a whole number. */
export function int(m: Json, key: string): number | undefined {
  const v = m[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** Whether `key` is present with a non-null value (Go pointers: `nil` when absent or `null`). */
export function has(m: Json, key: string): boolean {
  return m[key] !== undefined && m[key] !== null;
}

/** Appends the API server's exact error text to a plain-language explanation (one helper for all rules). */
export { withApi } from './serviceHelpers';

/** JSON rendering of a map value, as API servers from v1.34 print `Invalid value` for maps. */
export function jsonValue(v: unknown): string {
  try {
    return JSON.stringify(v ?? null) ?? 'null';
  } catch {
    return 'null';
  }
}

export function isIngressV1(obj: K8sObject): boolean {
  return obj.ref.kind === 'Ingress' && obj.ref.apiVersion === 'networking.k8s.io/v1';
}

/** A workload or Pod in an API version the API server still serves (removed versions get `api-version-removed`). */
export function isServedWorkload(obj: K8sObject): boolean {
  const w = WORKLOADS[obj.ref.kind];
  return !!w && w.apiVersions.includes(obj.ref.apiVersion);
}

/** Label values the way the API decodes them: only strings (numbers are a type error reported elsewhere). */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec(v))) {
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

/** One API-style problem found at a path inside an object. */
export interface Problem {
  readonly path: Path;
  readonly api: string;
}

/**
 * `ValidateObjectMeta`'s name checks with `NameIsDNSSubdomain`: `name` (or `generateName`, whose
 * trailing dash is allowed because a random suffix follows) must be a DNS-1123 subdomain.
 */
export function metadataNameProblems(value: Json): Problem[] {
  const meta = rec(value['metadata']);
  const out: Problem[] = [];
  const gen = str(meta, 'generateName');
  if (gen) {
    const masked = gen.endsWith('-') ? gen.slice(0, -1) + 'a' : gen;
    for (const m of isDNS1123Subdomain(masked)) out.push({ path: ['metadata', 'generateName'], api: apiError('metadata.generateName', 'Invalid value', gen, m) });
  }
  if (has(meta, 'name') && typeof meta['name'] !== 'string') return out; // a type error, reported by field-type
  const name = str(meta, 'name');
  if (!name) {
    if (!gen) out.push({ path: ['metadata', 'name'], api: apiError('metadata.name', 'Required value', undefined, 'name or generateName is required') });
  } else {
    for (const m of isDNS1123Subdomain(name)) out.push({ path: ['metadata', 'name'], api: apiError('metadata.name', 'Invalid value', name, m) });
  }
  return out;
}

/** `IsValidPathSegmentName` (k8s.io/apimachinery/pkg/api/validation/path). */
export function pathSegmentProblems(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const out: string[] = [];
  for (const c of ['/', '%']) if (v.includes(c)) out.push(`may not contain '${c}'`);
  return out;
}

/** The span of the node at `path` without the trailing line breaks and spaces a block mapping's range includes. */
export function trimmedSpan(obj: K8sObject, path: Path): Span {
  const span = locate(obj, path).span;
  const src = obj.document.source;
  let end = span.end;
  while (end > span.start && /\s/.test(src[end - obj.document.offset - 1] ?? '')) end--;
  return { start: span.start, end };
}
