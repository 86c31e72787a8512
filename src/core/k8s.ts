// Kubernetes knowledge on plain values: pod templates of workloads, Service ports with their
// defaults, selector matching and named-port lookup. Shared by rules, hovers and the simulation,
// so that checking and simulating agree on which pods a selector matches.
import type { Path } from './model';

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The value as a record, or an empty one when it is not a mapping. */
export function rec(v: unknown): Json {
  return isRecord(v) ? v : {};
}

/** The value as an array, or an empty one when it is not a list. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Where each workload kind keeps its pod template, by kind. apiVersions are the served ones. */
export const WORKLOADS: Readonly<Record<string, { readonly apiVersions: readonly string[]; readonly template: Path }>> = {
  Pod: { apiVersions: ['v1'], template: [] },
  Deployment: { apiVersions: ['apps/v1'], template: ['spec', 'template'] },
  ReplicaSet: { apiVersions: ['apps/v1'], template: ['spec', 'template'] },
  StatefulSet: { apiVersions: ['apps/v1'], template: ['spec', 'template'] },
  DaemonSet: { apiVersions: ['apps/v1'], template: ['spec', 'template'] },
  Job: { apiVersions: ['batch/v1'], template: ['spec', 'template'] },
  CronJob: { apiVersions: ['batch/v1'], template: ['spec', 'jobTemplate', 'spec', 'template'] },
  ReplicationController: { apiVersions: ['v1'], template: ['spec', 'template'] },
};

export interface ContainerPortInfo {
  readonly name?: string;
  readonly containerPort?: number;
  /** Defaulted to TCP. */
  readonly protocol: string;
  /** Path of this port entry, relative to the object. */
  readonly path: Path;
}

export interface ContainerInfo {
  readonly name: string;
  readonly path: Path;
  readonly ports: readonly ContainerPortInfo[];
  /** An init container with `restartPolicy: Always` (its ports count for named targetPorts). */
  readonly sidecar: boolean;
  readonly init: boolean;
  readonly readinessProbe?: Json;
  readonly livenessProbe?: Json;
  readonly startupProbe?: Json;
}

/** The pods a workload (or a bare Pod) produces, as far as Services care. */
export interface PodTemplate {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Path of `metadata.labels` of the pod template, relative to the object. */
  readonly labelsPath: Path;
  /** Path of the pod template (the object itself for a Pod). */
  readonly templatePath: Path;
  /** Path of the pod spec. */
  readonly specPath: Path;
  readonly spec: Json;
  /** Desired replicas (Deployment/ReplicaSet/StatefulSet/RC default 1; Pod 1; DaemonSet per node: undefined). */
  readonly replicas: number | undefined;
  readonly containers: readonly ContainerInfo[];
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly nodeName?: string;
}

function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(rec(v))) {
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

function containersOf(spec: Json, specPath: Path): ContainerInfo[] {
  const out: ContainerInfo[] = [];
  const add = (list: unknown, field: string, init: boolean) => {
    arr(list).forEach((c, i) => {
      const cr = rec(c);
      const path: Path = [...specPath, field, i];
      const ports: ContainerPortInfo[] = arr(cr['ports']).map((p, j) => {
        const pr = rec(p);
        return {
          name: typeof pr['name'] === 'string' ? pr['name'] : undefined,
          containerPort: typeof pr['containerPort'] === 'number' ? pr['containerPort'] : undefined,
          protocol: typeof pr['protocol'] === 'string' ? pr['protocol'] : 'TCP',
          path: [...path, 'ports', j],
        };
      });
      out.push({
        name: typeof cr['name'] === 'string' ? cr['name'] : '',
        path,
        ports,
        init,
        sidecar: init && cr['restartPolicy'] === 'Always',
        readinessProbe: isRecord(cr['readinessProbe']) ? cr['readinessProbe'] : undefined,
        livenessProbe: isRecord(cr['livenessProbe']) ? cr['livenessProbe'] : undefined,
        startupProbe: isRecord(cr['startupProbe']) ? cr['startupProbe'] : undefined,
      });
    });
  };
  add(spec['containers'], 'containers', false);
  add(spec['initContainers'], 'initContainers', true);
  return out;
}

/** The pod template of a workload or Pod, or undefined for other kinds. */
export function podTemplateOf(value: Json, kind: string, namespace: string, name: string): PodTemplate | undefined {
  const w = WORKLOADS[kind];
  if (!w) return undefined;
  let tpl: unknown = value;
  for (const seg of w.template) tpl = rec(tpl)[seg as string];
  if (!isRecord(tpl)) return undefined;
  const templatePath = w.template;
  const specPath: Path = [...templatePath, 'spec'];
  const spec = rec(tpl['spec']);
  const meta = rec(tpl['metadata']);
  const objSpec = rec(value['spec']);
  let replicas: number | undefined;
  if (kind === 'Pod') replicas = 1;
  else if (kind === 'DaemonSet') replicas = undefined;
  else if (kind === 'Job' || kind === 'CronJob') {
    const js = kind === 'Job' ? objSpec : rec(rec(objSpec['jobTemplate'])['spec']);
    replicas = typeof js['parallelism'] === 'number' ? js['parallelism'] : 1;
  } else replicas = typeof objSpec['replicas'] === 'number' ? objSpec['replicas'] : 1;
  return {
    kind,
    name,
    namespace,
    labels: labelsOf(meta['labels']),
    labelsPath: [...templatePath, 'metadata', 'labels'],
    templatePath,
    specPath,
    spec,
    replicas,
    containers: containersOf(spec, specPath),
    hostname: typeof spec['hostname'] === 'string' ? spec['hostname'] : undefined,
    subdomain: typeof spec['subdomain'] === 'string' ? spec['subdomain'] : undefined,
    nodeName: typeof spec['nodeName'] === 'string' ? spec['nodeName'] : undefined,
  };
}

/** A Service's selector as a label map, or undefined when it has none (endpoints managed out of band). */
export function serviceSelector(svc: Json): Record<string, string> | undefined {
  const sel = rec(svc['spec'])['selector'];
  if (!isRecord(sel)) return undefined;
  return labelsOf(sel);
}

/**
 * Equality-based selection: every selector key must be present with the same value; extra labels
 * do not matter. An empty selector selects nothing here (the API treats empty like absent:
 * endpoints are managed out of band).
 */
export function selectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === selector[k]);
}

export interface ServicePortInfo {
  readonly index: number;
  readonly name?: string;
  readonly port?: number;
  /** Defaulted to TCP. */
  readonly protocol: string;
  /** As written, or defaulted to `port` when missing, 0 or "". A string is a port name. */
  readonly targetPort: number | string | undefined;
  readonly targetPortWritten: boolean;
  readonly nodePort?: number;
  readonly appProtocol?: string;
  readonly path: Path;
}

export function serviceType(svc: Json): string {
  const t = rec(svc['spec'])['type'];
  return typeof t === 'string' ? t : 'ClusterIP';
}

/** Headless: `clusterIP: None` (or `clusterIPs: [None]`). */
export function isHeadless(svc: Json): boolean {
  const spec = rec(svc['spec']);
  if (spec['clusterIP'] === 'None') return true;
  const ips = arr(spec['clusterIPs']);
  return ips.length === 1 && ips[0] === 'None';
}

/** Service ports with API defaults applied (protocol TCP; targetPort = port when missing, 0 or ""). */
export function servicePorts(svc: Json): ServicePortInfo[] {
  return arr(rec(svc['spec'])['ports']).map((p, index) => {
    const pr = rec(p);
    const port = typeof pr['port'] === 'number' ? pr['port'] : undefined;
    const tp = pr['targetPort'];
    const written = tp !== undefined && tp !== null && tp !== 0 && tp !== '';
    return {
      index,
      name: typeof pr['name'] === 'string' ? pr['name'] : undefined,
      port,
      protocol: typeof pr['protocol'] === 'string' ? pr['protocol'] : 'TCP',
      targetPort: written && (typeof tp === 'number' || typeof tp === 'string') ? tp : port,
      targetPortWritten: written,
      nodePort: typeof pr['nodePort'] === 'number' ? pr['nodePort'] : undefined,
      appProtocol: typeof pr['appProtocol'] === 'string' ? pr['appProtocol'] : undefined,
      path: ['spec', 'ports', index],
    };
  });
}

/**
 * Resolves a Service port's targetPort for one pod, as the EndpointSlice controller's FindPort
 * does: a number is used as is; a name must match a container port with the same name AND the
 * same protocol (containers, then sidecar init containers); otherwise the port is skipped.
 */
export function resolveTargetPort(
  containers: readonly ContainerInfo[],
  targetPort: number | string | undefined,
  protocol: string,
): { port: number; container?: ContainerInfo; containerPort?: ContainerPortInfo } | undefined {
  if (typeof targetPort === 'number') {
    for (const c of containers) {
      if (c.init && !c.sidecar) continue;
      const cp = c.ports.find((p) => p.containerPort === targetPort && p.protocol === protocol);
      if (cp) return { port: targetPort, container: c, containerPort: cp };
    }
    return { port: targetPort };
  }
  if (typeof targetPort !== 'string') return undefined;
  for (const c of containers) {
    if (c.init && !c.sidecar) continue;
    for (const p of c.ports) {
      if (p.name === targetPort && p.protocol === protocol && p.containerPort !== undefined) {
        return { port: p.containerPort, container: c, containerPort: p };
      }
    }
  }
  return undefined;
}

/** All container ports that can receive Service traffic (regular containers and sidecars). */
export function servingPorts(containers: readonly ContainerInfo[]): { container: ContainerInfo; port: ContainerPortInfo }[] {
  const out: { container: ContainerInfo; port: ContainerPortInfo }[] = [];
  for (const c of containers) {
    if (c.init && !c.sidecar) continue;
    for (const p of c.ports) out.push({ container: c, port: p });
  }
  return out;
}

/** `<svc>.<ns>.svc.<domain>` */
export function serviceDnsName(name: string, namespace: string, domain: string): string {
  return `${name}.${namespace}.svc.${domain}`;
}

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 8) return Math.max(m, n);
  return levenshtein(a, b, Infinity);
}

/** Two reusable rows for `levenshtein` (grown on demand), so comparing many names allocates nothing. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance of `a` and `b`, or some number ≥ `limit` as soon as the distance is known to be at
 * least `limit` (every entry of a row has reached it).
 */
function levenshtein(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  if (rowA.length < n + 1) {
    rowA = new Int32Array(2 * (n + 1));
    rowB = new Int32Array(2 * (n + 1));
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n]!;
}

/** The closest candidate within a distance proportional to the word's length. */
export function closest(word: string, candidates: Iterable<string>, maxRatio = 0.4): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lw = word.toLowerCase();
  for (const c of candidates) {
    // Only a candidate closer than the best so far matters: its distance is computed only that far.
    let d: number;
    if (c.toLowerCase() === lw) d = 0.5;
    else if (Math.abs(word.length - c.length) > 8) d = Math.max(word.length, c.length);
    else if (Math.abs(word.length - c.length) >= bestD) continue;
    else d = levenshtein(word, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(1, Math.ceil(Math.max(word.length, best.length) * maxRatio)) ? best : undefined;
}
