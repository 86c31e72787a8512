// Shared wording and edit helpers for the traffic rules (selection, ports, Ingress backends).
import type { Path, RelatedLocation } from '../model';
import type { K8sObject } from '../parse';
import { scalarStyle } from '../parse';
import type { ContainerInfo, ContainerPortInfo, Json } from '../k8s';
import { isRecord } from '../k8s';
import type { PodSource } from '../scope';
import { relatedAt } from './types';

/** "Deployment web" */
export function sourceName(src: PodSource): string {
  return `${src.object.ref.kind} ${src.object.ref.name}`;
}

/** "a", "a and b", "a, b and c" */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "8080 (http)", "53/UDP (dns)" */
export function describeContainerPort(p: ContainerPortInfo): string {
  const num = `${p.containerPort ?? '?'}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`;
  return p.name ? `${num} (${p.name})` : num;
}

const YAML_KEYWORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * Text for a new scalar that replaces the one at `path`, in the same quoting style.
 * Strings that YAML would read as something else (numbers, booleans) are quoted.
 */
export function scalarText(obj: K8sObject, path: Path, value: string | number): string {
  if (typeof value === 'number') return String(value);
  const style = scalarStyle(obj, path);
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  const plainSafe = /^[A-Za-z_/][\w./-]*$/.test(value) && !YAML_KEYWORDS.test(value);
  return plainSafe ? value : JSON.stringify(value);
}

/** Related locations on the ports (or, without ports, the name) of each serving container of a pod source. */
export function containerPortsRelated(src: PodSource, note: (c: ContainerInfo) => string): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const c of src.template.containers) {
    if (c.init && !c.sidecar) continue;
    const path: Path = c.ports.length ? [...c.path, 'ports'] : [...c.path, 'name'];
    out.push(relatedAt(src.object, path, `${sourceName(src)}, container ${c.name || '(unnamed)'}: ${note(c)}`));
  }
  return out;
}

/** One service backend of an Ingress: where it is and what it names. */
export interface IngressServiceBackend {
  /** Path of the `backend` (or `defaultBackend`) mapping. */
  readonly path: Path;
  readonly name?: string;
  readonly portName?: string;
  readonly portNumber?: number;
  /** Both `port.name` and `port.number` were written (an API error reported elsewhere). */
  readonly portBoth: boolean;
}

/** Every `service` backend of an Ingress: `spec.defaultBackend` and each `rules[].http.paths[].backend`. */
export function ingressServiceBackends(ing: Json): IngressServiceBackend[] {
  const out: IngressServiceBackend[] = [];
  const spec = isRecord(ing['spec']) ? ing['spec'] : {};
  const add = (b: unknown, path: Path) => {
    if (!isRecord(b) || !isRecord(b['service'])) return;
    const s = b['service'];
    const port = isRecord(s['port']) ? s['port'] : {};
    out.push({
      path,
      name: typeof s['name'] === 'string' ? s['name'] : undefined,
      portName: typeof port['name'] === 'string' && port['name'] !== '' ? port['name'] : undefined,
      portNumber: typeof port['number'] === 'number' && port['number'] !== 0 ? port['number'] : undefined,
      portBoth: port['name'] !== undefined && port['number'] !== undefined,
    });
  };
  add(spec['defaultBackend'], ['spec', 'defaultBackend']);
  const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
  rules.forEach((r, i) => {
    const http = isRecord(r) && isRecord(r['http']) ? r['http'] : undefined;
    const paths = http && Array.isArray(http['paths']) ? http['paths'] : [];
    paths.forEach((p, j) => {
      if (isRecord(p)) add(p['backend'], ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
    });
  });
  return out;
}
