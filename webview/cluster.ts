// A small deterministic stand-in for the cluster the diagram shows: which pods the workloads of a
// scope run, on which nodes, with which IPs and readiness, after the learner's actions (kill a pod,
// scale, fail readiness, fail a node). Pure; no timers. Replaced by src/core/sim once it lands.
import type { K8sObject, PodSource, Scope } from '../src/core/index';
import { addressAt, formatIP, isHeadless, parseCIDR, serviceType } from '../src/core/index';

/** What the learner did to the cluster; persisted with the UI state. */
export interface ClusterActions {
  /** workload key -> replicas chosen with "scale". */
  readonly scale?: Readonly<Record<string, number>>;
  /** Names of pods the learner deleted. */
  readonly killed?: readonly string[];
  /** Names of pods whose readiness probe the learner made fail. */
  readonly unready?: readonly string[];
  /** Names of nodes the learner failed. */
  readonly failedNodes?: readonly string[];
}

export interface SimNode {
  readonly name: string;
  readonly ip: string;
  readonly ready: boolean;
}

export interface SimPod {
  readonly name: string;
  readonly namespace: string;
  readonly ip: string;
  readonly node: string;
  readonly ready: boolean;
  /** Why the pod is not ready, in plain words. */
  readonly notReadyReason?: string;
  readonly source: PodSource;
  /** Key of the workload that owns the pod (`Kind/ns/name`). */
  readonly workload: string;
}

export interface SimCluster {
  readonly nodes: readonly SimNode[];
  readonly pods: readonly SimPod[];
  /** ClusterIP per Service id (undefined for headless and ExternalName). */
  readonly clusterIPs: ReadonlyMap<string, string | undefined>;
  /** What the controllers did, oldest first. */
  readonly events: readonly string[];
}

export const NODE_NAMES = ['node-1', 'node-2'] as const;
/** Upper bound of pods per workload drawn (larger replica counts are summarised). */
export const MAX_PODS_PER_WORKLOAD = 12;

export function workloadKey(src: PodSource): string {
  return `${src.template.kind}/${src.template.namespace}/${src.template.name}`;
}

/** FNV-1a, for stable names and addresses. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(seed: string, len: number): string {
  let h = hash(seed);
  let out = '';
  for (let i = 0; i < len; i++) {
    out += ALNUM[h % ALNUM.length];
    h = Math.floor(h / ALNUM.length) || hash(seed + i);
  }
  return out;
}

/** The pod names a workload controller would create: StatefulSets count, others get random-looking suffixes. */
function podName(src: PodSource, ordinal: number, generation: number): string {
  const t = src.template;
  switch (t.kind) {
    case 'Pod':
      return t.name;
    case 'StatefulSet':
      return `${t.name}-${ordinal}`;
    case 'Deployment':
      return `${t.name}-${suffix(`${t.namespace}/${t.name}/rs`, 9).slice(0, 9)}-${suffix(`${t.name}/${ordinal}/${generation}`, 5)}`;
    default:
      return `${t.name}-${suffix(`${t.namespace}/${t.name}/${ordinal}/${generation}`, 5)}`;
  }
}

/** Builds the cluster for a scope and the learner's actions. Deterministic: same input, same cluster. */
export function buildCluster(scope: Scope, serviceCIDR: string, actions: ClusterActions = {}): SimCluster {
  const failed = new Set(actions.failedNodes ?? []);
  const killed = actions.killed ?? [];
  const unready = new Set(actions.unready ?? []);
  const events: string[] = [];
  const nodes: SimNode[] = NODE_NAMES.map((name, i) => ({ name, ip: `192.168.49.${i + 2}`, ready: !failed.has(name) }));
  for (const n of nodes) if (!n.ready) events.push(`node-lifecycle-controller: node ${n.name} stopped reporting; its pods are marked not Ready and removed from every EndpointSlice.`);
  const pods: SimPod[] = [];
  const usedIPs = new Set<string>();
  const podIP = (node: number, seed: string): string => {
    let h = hash(seed) % 250;
    let ip = `10.244.${node + 1}.${h + 2}`;
    while (usedIPs.has(ip)) ip = `10.244.${node + 1}.${(h = (h + 1) % 250) + 2}`;
    usedIPs.add(ip);
    return ip;
  };
  for (const src of scope.podSources) {
    const t = src.template;
    const key = workloadKey(src);
    const ordinalsOnNodes: { ordinal: number; node: number }[] = [];
    if (t.replicas === undefined) {
      NODE_NAMES.forEach((_, i) => ordinalsOnNodes.push({ ordinal: i, node: i }));
    } else {
      const wanted = Math.max(0, Math.min(MAX_PODS_PER_WORKLOAD, actions.scale?.[key] ?? t.replicas));
      if (actions.scale?.[key] !== undefined && actions.scale[key] !== t.replicas) events.push(`${t.kind === 'Deployment' ? 'replicaset-controller' : t.kind.toLowerCase() + '-controller'}: ${key} scaled to ${wanted} replicas.`);
      const pinned = t.nodeName ? NODE_NAMES.indexOf(t.nodeName as (typeof NODE_NAMES)[number]) : -1;
      for (let i = 0; i < wanted; i++) ordinalsOnNodes.push({ ordinal: i, node: pinned >= 0 ? pinned : (hash(t.name) + i) % NODE_NAMES.length });
    }
    for (const { ordinal, node } of ordinalsOnNodes) {
      // A deleted pod is replaced by its controller: a new name and IP (a StatefulSet keeps the name).
      const controller = t.kind === 'Deployment' ? 'replicaset-controller' : `${t.kind.toLowerCase()}-controller`;
      let generation = 0;
      let name = podName(src, ordinal, generation);
      let gone = false;
      while (generation < 50) {
        const times = killedCount(killed, `${t.namespace}/${name}`);
        if (times === 0 || (t.kind === 'StatefulSet' && times <= generation)) break;
        if (t.kind === 'Pod' || t.kind === 'Job' || t.kind === 'CronJob') {
          events.push(`pod ${name} was deleted; a bare ${t.kind === 'Pod' ? 'Pod' : 'Job pod'} is not replaced here, so it is gone.`);
          gone = true;
          break;
        }
        generation++;
        const next = podName(src, ordinal, generation);
        events.push(`${controller}: pod ${name} was deleted; created ${next === name ? `a new ${name}` : next} (new IP) to keep ${key} at its replica count.`);
        name = next;
      }
      if (gone) continue;
      const onNode = node;
      const nodeReady = nodes[onNode]!.ready;
      const probeFails = unready.has(`${t.namespace}/${name}`);
      const ready = nodeReady && !probeFails;
      pods.push({
        name,
        namespace: t.namespace,
        ip: podIP(onNode, `${t.namespace}/${name}/${generation}`),
        node: NODE_NAMES[onNode]!,
        ready,
        notReadyReason: !nodeReady ? `node ${NODE_NAMES[onNode]} failed` : probeFails ? 'readiness probe failing' : undefined,
        source: src,
        workload: key,
      });
      if (probeFails) events.push(`kubelet: readiness probe of ${name} failed; the pod is not Ready, so the EndpointSlice controller marks its endpoint ready=false and kube-proxy stops sending it traffic.`);
    }
  }
  const clusterIPs = new Map<string, string | undefined>();
  const cidr = parseCIDR(serviceCIDR) ?? parseCIDR('10.96.0.0/12')!;
  const size = cidr.size;
  const taken = new Set<string>();
  const services = [...scope.services].sort((a, b) => (a.ref.namespace + '/' + a.ref.name < b.ref.namespace + '/' + b.ref.name ? -1 : 1));
  for (const svc of services) {
    const written = writtenClusterIP(svc);
    if (written) taken.add(written);
  }
  for (const svc of services) {
    if (serviceType(svc.value) === 'ExternalName' || isHeadless(svc.value)) {
      clusterIPs.set(svc.id, undefined);
      continue;
    }
    const written = writtenClusterIP(svc);
    if (written) {
      clusterIPs.set(svc.id, written);
      continue;
    }
    // Skip the network address and .1 (commonly the kubernetes Service); stable per name.
    let off = 2n + (BigInt(hash(`${svc.ref.namespace}/${svc.ref.name}`)) % (size > 300n ? 250n : size - 3n));
    let ip = formatIP(addressAt(cidr, off));
    for (let tries = 0; taken.has(ip) && tries < 500; tries++) ip = formatIP(addressAt(cidr, ++off));
    taken.add(ip);
    clusterIPs.set(svc.id, ip);
  }
  return { nodes, pods, clusterIPs, events };
}

function writtenClusterIP(svc: K8sObject): string | undefined {
  const spec = svc.value['spec'];
  if (!spec || typeof spec !== 'object') return undefined;
  const ip = (spec as Record<string, unknown>)['clusterIP'];
  return typeof ip === 'string' && ip !== '' && ip !== 'None' ? ip : undefined;
}

function killedCount(killed: readonly string[], name: string): number {
  let n = 0;
  for (const k of killed) if (k === name) n++;
  return n;
}
