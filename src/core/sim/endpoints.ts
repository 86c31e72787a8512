// The EndpointSlice controller (KUBERNETES.md §C): which pods a Service selects, their conditions,
// per-pod port resolution, and slices grouped by port mapping; manual slices for selectorless Services.
import { rec, resolveTargetPort, selectorMatches } from '../k8s';
import { parseIP } from '../net';
import type { K8sObject } from '../parse';
import { NAME_ALPHABET } from './rng';
import type { SimEndpoint, SimEndpointPort, SimEndpointSlice, SimNode, SimPod, SimService } from './types';

export const CONTROLLER_MANAGED_BY = 'endpointslice-controller.k8s.io';
/** A new slice is started once a slice holds this many endpoints (the controller's default). */
const MAX_ENDPOINTS_PER_SLICE = 100;

/** A stable 5-character suffix (FNV-1a), so slice names do not churn between reconciles. */
function sliceSuffix(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += NAME_ALPHABET[h % NAME_ALPHABET.length];
    h = Math.floor(h / NAME_ALPHABET.length) ^ Math.imul(h, 31 + i);
    h >>>= 0;
  }
  return s;
}

/** Whether the controller includes the pod at all (`ShouldPodBeInEndpoints` with includeTerminating). */
export function podEligible(pod: SimPod): boolean {
  return pod.phase !== 'Succeeded' && pod.phase !== 'Failed' && !!pod.ip;
}

/** The endpoint ports a pod gets for a Service (ports whose named targetPort does not resolve are left out). */
export function endpointPortsFor(svc: SimService, pod: SimPod): SimEndpointPort[] {
  const out: SimEndpointPort[] = [];
  for (const p of svc.ports) {
    const r = resolveTargetPort(pod.containers, p.targetPort, p.protocol);
    if (r) out.push({ name: p.name, port: r.port, protocol: p.protocol });
  }
  return out;
}

/** Index of pods by namespace and label, so 1,000 Services over 5,000 pods stay fast. */
class PodIndex {
  private readonly byLabel = new Map<string, SimPod[]>();
  constructor(pods: readonly SimPod[]) {
    for (const p of pods) {
      for (const [k, v] of Object.entries(p.labels)) {
        const key = `${p.namespace}\u0000${k}=${v}`;
        const list = this.byLabel.get(key);
        if (list) list.push(p);
        else this.byLabel.set(key, [p]);
      }
    }
  }
  select(namespace: string, selector: Readonly<Record<string, string>>): SimPod[] {
    const keys = Object.keys(selector);
    if (keys.length === 0) return [];
    const first = this.byLabel.get(`${namespace}\u0000${keys[0]}=${selector[keys[0]!]}`) ?? [];
    return first.filter((p) => selectorMatches(selector, p.labels));
  }
}

/** Reads EndpointSlices written in the manifest (for Services without a selector, §C.6). */
export function manualSlices(objects: readonly K8sObject[]): SimEndpointSlice[] {
  const out: SimEndpointSlice[] = [];
  for (const o of objects) {
    const meta = rec(o.value['metadata']);
    const labels = rec(meta['labels']);
    const svcName = labels['kubernetes.io/service-name'];
    if (typeof svcName !== 'string') continue;
    const ports: SimEndpointPort[] = (Array.isArray(o.value['ports']) ? o.value['ports'] : []).map((p) => {
      const pr = rec(p);
      return {
        name: typeof pr['name'] === 'string' ? pr['name'] : '',
        port: typeof pr['port'] === 'number' ? pr['port'] : 0,
        protocol: typeof pr['protocol'] === 'string' ? pr['protocol'] : 'TCP',
      };
    });
    const endpoints: Omit<SimEndpoint, 'ports'>[] = [];
    for (const e of Array.isArray(o.value['endpoints']) ? o.value['endpoints'] : []) {
      const er = rec(e);
      const addr = Array.isArray(er['addresses']) ? er['addresses'].find((a): a is string => typeof a === 'string' && !!parseIP(a)) : undefined;
      if (!addr) continue;
      const c = rec(er['conditions']);
      // nil ready means ready; nil serving falls back to ready; nil terminating means not terminating (§C.3).
      const ready = c['ready'] !== false;
      const serving = typeof c['serving'] === 'boolean' ? c['serving'] : ready;
      const terminating = c['terminating'] === true;
      const ref = rec(er['targetRef']);
      endpoints.push({
        pod: ref['kind'] === 'Pod' && typeof ref['name'] === 'string' ? `${typeof ref['namespace'] === 'string' ? ref['namespace'] : o.ref.namespace}/${ref['name']}` : null,
        node: typeof er['nodeName'] === 'string' ? er['nodeName'] : null,
        ip: addr,
        ready,
        serving,
        terminating,
        hostname: typeof er['hostname'] === 'string' ? er['hostname'] : undefined,
      });
    }
    out.push({
      name: o.ref.name,
      service: `${o.ref.namespace}/${svcName}`,
      managedBy: typeof labels['endpointslice.kubernetes.io/managed-by'] === 'string' ? (labels['endpointslice.kubernetes.io/managed-by'] as string) : 'manual',
      ports,
      endpoints,
    });
  }
  return out;
}

/**
 * Runs the EndpointSlice controller over every Service. Selectorless Services keep the manual
 * slices (from `manual`, or the manual slices of `previous` when the manifest did not change).
 */
export function reconcileEndpoints(
  services: readonly SimService[],
  pods: readonly SimPod[],
  nodes: readonly SimNode[],
  manual: readonly K8sObject[] | undefined,
  previous: readonly SimEndpointSlice[] | undefined,
): SimEndpointSlice[] {
  const index = new PodIndex(pods);
  const nodeNames = new Set(nodes.map((n) => n.name));
  const manualList = manual ? manualSlices(manual) : (previous ?? []).filter((s) => s.managedBy !== CONTROLLER_MANAGED_BY);
  const manualBySvc = new Map<string, SimEndpointSlice[]>();
  for (const s of manualList) {
    const list = manualBySvc.get(s.service);
    if (list) list.push(s);
    else manualBySvc.set(s.service, [s]);
  }
  const out: SimEndpointSlice[] = [];
  for (const svc of services) {
    const key = `${svc.namespace}/${svc.name}`;
    if (svc.type === 'ExternalName') continue;
    if (svc.selector === null) {
      out.push(...(manualBySvc.get(key) ?? []));
      continue;
    }
    const groups = new Map<string, { ports: SimEndpointPort[]; endpoints: Omit<SimEndpoint, 'ports'>[] }>();
    const portCache = new Map<unknown, { ports: SimEndpointPort[]; key: string }>();
    for (const pod of index.select(svc.namespace, svc.selector)) {
      if (!podEligible(pod)) continue;
      if (pod.node && !nodeNames.has(pod.node) && !svc.publishNotReadyAddresses) continue;
      const serving = pod.ready;
      const terminating = pod.terminating;
      const ready = svc.publishNotReadyAddresses || (serving && !terminating);
      // Pods of one workload share their containers array, so resolve the ports once per workload.
      let cached = portCache.get(pod.containers);
      if (!cached) portCache.set(pod.containers, (cached = { ports: endpointPortsFor(svc, pod), key: '' }));
      if (!cached.key) cached.key = JSON.stringify(cached.ports);
      const ports = cached.ports;
      const gk = cached.key;
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { ports, endpoints: [] }));
      g.endpoints.push({
        pod: `${pod.namespace}/${pod.name}`,
        node: pod.node,
        ip: pod.ip!,
        ready,
        serving,
        terminating,
        hostname: pod.hostname && pod.subdomain === svc.name ? pod.hostname : undefined,
      });
    }
    if (groups.size === 0) {
      // With no endpoints the controller keeps one placeholder slice (§C.5).
      out.push({ name: `${svc.name}-${sliceSuffix(key)}`, service: key, managedBy: CONTROLLER_MANAGED_BY, ports: [], endpoints: [] });
      continue;
    }
    for (const [gk, g] of groups) {
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
        out.push({
          name: `${svc.name}-${sliceSuffix(`${key}|${gk}|${i}`)}`,
          service: key,
          managedBy: CONTROLLER_MANAGED_BY,
          ports: g.ports,
          endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
        });
      }
    }
  }
  return out;
}

const bySliceList = new WeakMap<readonly SimEndpointSlice[], Map<string, SimEndpointSlice[]>>();

/** The slices of one Service (`ns/name`), indexed once per slice list. */
export function slicesOf(slices: readonly SimEndpointSlice[], service: string): readonly SimEndpointSlice[] {
  let index = bySliceList.get(slices);
  if (!index) {
    index = new Map();
    for (const s of slices) {
      const list = index.get(s.service);
      if (list) list.push(s);
      else index.set(s.service, [s]);
    }
    bySliceList.set(slices, index);
  }
  return index.get(service) ?? [];
}

/** Every endpoint of a Service, flattened with its slice's ports. */
export function endpointsOf(slices: readonly SimEndpointSlice[], service: string): SimEndpoint[] {
  const out: SimEndpoint[] = [];
  for (const s of slicesOf(slices, service)) for (const e of s.endpoints) out.push({ ...e, ports: s.ports });
  return out;
}
