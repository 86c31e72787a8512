// Shared reading helpers for the service-* validation rules: the Service spec as the API server sees
// it after v1 defaulting (KUBERNETES.md §A.3) and after BeginCreate's clusterIPs normalisation (§A.1).
import { isMap } from 'yaml';
import type { Pair } from 'yaml';
import type { Path, Span } from '../model';
import type { K8sObject } from '../parse';
import { locate, resolveNode } from '../parse';
import { isRecord } from '../k8s';
import type { Json } from '../k8s';

/** The kinds the service-* rules look at (core/v1 Services only; see `isCoreService`). */
export const SERVICE_KINDS = ['Service'] as const;

/** True for `apiVersion: v1, kind: Service`. */
export function isCoreService(obj: K8sObject): boolean {
  return obj.ref.kind === 'Service' && obj.ref.apiVersion === 'v1';
}

/** `spec` as a record (empty when absent or not a mapping). */
export function specOf(obj: K8sObject): Json {
  const s = obj.value['spec'];
  return isRecord(s) ? s : {};
}

/** `spec.type` after defaulting: an absent or empty type is ClusterIP. Non-strings are left to field-type. */
export function typeOf(spec: Json): string | undefined {
  const t = spec['type'];
  if (t === undefined || t === null || t === '') return 'ClusterIP';
  return typeof t === 'string' ? t : undefined;
}

/** Writes a message the project's way: plain explanation, then the API server's own text. */
export function withApi(plain: string, ...apiErrors: string[]): string {
  return apiErrors.length ? `${plain} (API server: ${apiErrors.join('; ')})` : plain;
}

/** The string array at `spec[key]`, keeping only string entries with their indexes. */
export function stringList(spec: Json, key: string): { index: number; value: string }[] {
  const v = spec[key];
  if (!Array.isArray(v)) return [];
  const out: { index: number; value: string }[] = [];
  v.forEach((item, index) => {
    if (typeof item === 'string') out.push({ index, value: item });
  });
  return out;
}

/**
 * `spec.clusterIPs` as the API server validates it on create: when only `clusterIP` is written,
 * `normalizeClusterIPs` copies it into `clusterIPs` (never the other way round).
 */
export function normalizedClusterIPs(spec: Json): { ips: string[]; fromClusterIP: boolean } {
  const written = Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as unknown[]).map((x) => (typeof x === 'string' ? x : String(x))) : [];
  const cip = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
  if (written.length === 0 && cip !== '') return { ips: [cip], fromClusterIP: true };
  return { ips: written, fromClusterIP: false };
}

/** Headless after normalisation: `clusterIPs == ["None"]` (k8s `isHeadlessService`). */
export function isHeadlessNormalized(spec: Json): boolean {
  const { ips } = normalizedClusterIPs(spec);
  return ips.length === 1 && ips[0] === 'None';
}

/** type LoadBalancer, NodePort, or ClusterIP with externalIPs (k8s `ExternallyAccessible`). */
export function externallyAccessible(spec: Json): boolean {
  const t = typeOf(spec);
  if (t === 'LoadBalancer' || t === 'NodePort') return true;
  return t === 'ClusterIP' && Array.isArray(spec['externalIPs']) && spec['externalIPs'].length > 0;
}

/** type LoadBalancer with externalTrafficPolicy Local (k8s `NeedsHealthCheck`). */
export function needsHealthCheck(spec: Json): boolean {
  return typeOf(spec) === 'LoadBalancer' && spec['externalTrafficPolicy'] === 'Local';
}

/** A list value as the API server prints it in an error (JSON), e.g. `["10.0.0.1","fd00::1"]`. */
export function jsonList(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** Rough "did you mean" casing match: returns the candidate equal to `v` ignoring case. */
export function caseFold(v: string, candidates: readonly string[]): string | undefined {
  const l = v.toLowerCase();
  return candidates.find((c) => c.toLowerCase() === l);
}

/**
 * For a block mapping, the span of its first entry (`port: 80`), so a finding about the whole
 * mapping underlines one line instead of several; undefined for flow mappings and non-mappings.
 */
export function firstEntrySpan(obj: K8sObject, path: Path): Span | undefined {
  const loc = locate(obj, path);
  const node = loc.found ? resolveNode(obj.document.doc, loc.node) : undefined;
  if (!isMap(node) || node.flow) return undefined;
  const first = node.items[0] as Pair | undefined;
  const k = (first?.key as { range?: [number, number, number] } | null | undefined)?.range;
  const v = (first?.value as { range?: [number, number, number] } | null | undefined)?.range;
  if (!k) return undefined;
  const off = obj.document.offset;
  return { start: off + k[0], end: off + (v && v[1] > k[0] ? v[1] : k[1]) };
}
