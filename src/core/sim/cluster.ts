// Builds the simulated cluster from a Scope and applies events to it, acting as the scheduler,
// the workload controllers, the IP allocators and the kubelet would (KUBERNETES.md §C, §E, §F).
import { isRecord, isHeadless, podTemplateOf, rec, serviceSelector, servicePorts, serviceType } from '../k8s';
import type { Json } from '../k8s';
import { withDefaults } from '../model';
import type { Settings } from '../model';
import { addressAt, cidrContains, formatIP, parseCIDR, parseIP } from '../net';
import type { K8sObject } from '../parse';
import type { Scope } from '../scope';
import { reconcileEndpoints } from './endpoints';
import { buildIngresses } from './ingress';
import { NAME_ALPHABET, Rng, randomSuffix, seedState } from './rng';
import { sha256 } from './sha256';
import type { PodPhase, ServiceKind, SimEvent, SimLogEntry, SimNode, SimOptions, SimPod, SimService, SimServicePort, SimState, SimWorkload } from './types';

/** Pods per node's /24 pod CIDR: .2 to .254. */
const FIRST_POD_HOST = 2;
const LAST_POD_HOST = 254;
const MAX_NODES = 100;
/** Documentation range used for simulated LoadBalancer IPs (RFC 5737 TEST-NET-3). */
const LB_POOL = '203.0.113.';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Working copy of the state while one operation runs; frozen back into a SimState at the end. */
class Draft {
  nodes: Mutable<SimNode>[];
  workloads: SimWorkload[];
  pods: Mutable<SimPod>[];
  services: SimService[];
  clock: number;
  log: SimLogEntry[];
  nextPodHost: Record<string, number>;
  rng: Rng;
  /** Raw manifest objects for manual EndpointSlices and Ingresses (rebuilt on manifest edits). */
  scope: Scope | undefined;
  /** Indexes kept in step with `pods` (addPod/removePod), so large clusters stay linear. */
  readonly ips = new Set<string>();
  readonly names = new Set<string>();
  readonly perNode = new Map<string, number>();
  readonly byWorkload = new Map<string, Set<Mutable<SimPod>>>();

  constructor(
    readonly settings: Settings,
    prev: Partial<SimState> & { rng: number },
  ) {
    this.nodes = (prev.nodes ?? []).map((n) => ({ ...n }));
    this.workloads = [...(prev.workloads ?? [])];
    this.pods = (prev.pods ?? []).map((p) => ({ ...p }));
    this.services = [...(prev.services ?? [])];
    this.clock = prev.clock ?? 0;
    this.log = [...(prev.log ?? [])];
    this.nextPodHost = { ...(prev.nextPodHost ?? {}) };
    this.rng = new Rng(prev.rng);
    this.scope = undefined;
    for (const p of this.pods) this.index(p, 1);
  }

  private index(p: SimPod, delta: 1 | -1): void {
    const name = `${p.namespace}/${p.name}`;
    let mine = this.byWorkload.get(p.workload);
    if (!mine) this.byWorkload.set(p.workload, (mine = new Set()));
    if (delta > 0) {
      if (p.ip) this.ips.add(p.ip);
      this.names.add(name);
      mine.add(p as Mutable<SimPod>);
    } else {
      if (p.ip) this.ips.delete(p.ip);
      this.names.delete(name);
      mine.delete(p as Mutable<SimPod>);
    }
    if (p.node && p.phase !== 'Succeeded' && p.phase !== 'Failed') this.perNode.set(p.node, (this.perNode.get(p.node) ?? 0) + delta);
  }

  addPod(p: Mutable<SimPod>): void {
    this.pods.push(p);
    this.index(p, 1);
  }

  removePod(p: SimPod): void {
    const i = this.pods.indexOf(p as Mutable<SimPod>);
    if (i < 0) return;
    this.pods.splice(i, 1);
    this.index(p, -1);
  }

  /** Removes every pod (before re-adding survivors on a manifest edit). */
  clearPods(): Mutable<SimPod>[] {
    const old = this.pods;
    this.pods = [];
    this.ips.clear();
    this.names.clear();
    this.perNode.clear();
    this.byWorkload.clear();
    return old;
  }

  /** Gives a Pending pod a node and IP (keeps the indexes right). */
  place(p: Mutable<SimPod>, node: string, ip: string | null): void {
    this.index(p, -1);
    p.node = node;
    p.ip = ip;
    p.phase = ip ? 'Running' : 'Pending';
    p.ready = !!ip;
    this.index(p, 1);
  }

  say(actor: string, message: string): void {
    this.log.push({ time: this.clock, actor, message });
  }

  tick(): number {
    return ++this.clock;
  }

  node(name: string): Mutable<SimNode> | undefined {
    return this.nodes.find((n) => n.name === name);
  }

  addNode(name: string): Mutable<SimNode> {
    const i = this.nodes.length;
    const n: Mutable<SimNode> = { name, ip: `192.168.49.${i + 2}`, podCIDR: `10.244.${i}.0/24`, unschedulable: false, ready: true };
    this.nodes.push(n);
    return n;
  }
}

// ---------------------------------------------------------------- workloads

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Stable hash of the pod template in the `pod-template-hash` alphabet (10 chars, like `7d4b9c8f6d`). */
export function templateHash(template: unknown): string {
  const digest = sha256(stableJson(template));
  let s = '';
  for (let i = 0; i < 10; i++) s += NAME_ALPHABET[digest[i]! % NAME_ALPHABET.length];
  return s;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableJson).join(',') + ']';
  if (isRecord(v)) {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + stableJson(v[k])).join(',') + '}';
  }
  return JSON.stringify(v ?? null);
}

function workloadOf(obj: K8sObject): SimWorkload | undefined {
  const { kind, namespace, name } = obj.ref;
  const t = podTemplateOf(obj.value, kind, namespace, name);
  if (!t) return undefined;
  const tplValue = kind === 'Pod' ? { metadata: { labels: t.labels }, spec: t.spec } : readPath(obj.value, t.templatePath);
  const hash = templateHash(tplValue);
  let controllerName = name;
  if (kind === 'Deployment') controllerName = `${name}-${hash}`;
  else if (kind === 'CronJob') controllerName = `${name}-${29000000 + (parseInt(hash.slice(0, 6), 36) % 1000000)}`;
  let hostname = t.hostname;
  let subdomain = t.subdomain;
  if (kind === 'StatefulSet') subdomain = str(rec(obj.value['spec'])['serviceName']) ?? subdomain;
  let status: SimWorkload['status'];
  if (kind === 'Pod') {
    const st = rec(obj.value['status']);
    const meta = rec(obj.value['metadata']);
    const conds = Array.isArray(st['conditions']) ? (st['conditions'] as unknown[]).map(rec) : undefined;
    const readyCond = conds?.find((c) => c['type'] === 'Ready');
    const hasStatus = isRecord(obj.value['status']);
    const terminating = meta['deletionTimestamp'] !== undefined && meta['deletionTimestamp'] !== null;
    if (hasStatus || terminating) {
      status = {
        phase: str(st['phase']),
        podIP: str(st['podIP']) ?? str(rec(Array.isArray(st['podIPs']) ? st['podIPs'][0] : undefined)['ip']),
        ready: readyCond ? readyCond['status'] === 'True' : undefined,
        terminating,
      };
    }
    hostname = t.hostname;
  }
  if (kind === 'StatefulSet') hostname = undefined;
  return {
    key: `${kind}/${namespace}/${name}`,
    kind,
    namespace,
    name,
    replicas: t.replicas === undefined ? -1 : Math.max(0, Math.min(1000, Math.trunc(t.replicas))),
    templateHash: hash,
    controllerName,
    labels: kind === 'Deployment' ? { ...t.labels, 'pod-template-hash': hash } : t.labels,
    containers: t.containers,
    hostname,
    subdomain,
    nodeName: t.nodeName,
    enableServiceLinks: t.spec['enableServiceLinks'] !== false,
    creationTimestamp: kind === 'Pod' ? str(rec(obj.value['metadata'])['creationTimestamp']) : undefined,
    readinessProbe: t.containers.some((c) => !!c.readinessProbe),
    status,
  };
}

function readPath(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const seg of path) cur = isRecord(cur) ? cur[seg as string] : Array.isArray(cur) ? cur[seg as number] : undefined;
  return cur;
}

function ownerOf(w: SimWorkload): string | null {
  switch (w.kind) {
    case 'Pod':
      return null;
    case 'Deployment':
      return `ReplicaSet/${w.controllerName}`;
    case 'CronJob':
      return `Job/${w.controllerName}`;
    default:
      return `${w.kind}/${w.name}`;
  }
}

function controllerLabel(w: SimWorkload): string {
  const o = ownerOf(w);
  return o ? o.replace('/', ' ') : `Pod ${w.name}`;
}

// ---------------------------------------------------------------- scheduling and pod IPs

function podCount(d: Draft, node: string): number {
  return d.perNode.get(node) ?? 0;
}

/** Picks the schedulable node with the fewest pods, breaking ties with the seed. */
function schedule(d: Draft): string | null {
  const ok = d.nodes.filter((n) => n.ready && !n.unschedulable);
  if (ok.length === 0) return null;
  let best: string[] = [];
  let min = Infinity;
  for (const n of ok) {
    const c = podCount(d, n.name);
    if (c < min) {
      min = c;
      best = [n.name];
    } else if (c === min) best.push(n.name);
  }
  return best[d.rng.int(best.length)]!;
}

function usedIPs(d: Draft): Set<string> {
  return d.ips;
}

/** Next free IP of the node's pod CIDR (host-local IPAM: round-robin, never two pods on one IP). */
function allocatePodIP(d: Draft, nodeName: string, used: ReadonlySet<string>): string | null {
  const node = d.node(nodeName);
  const cidr = node ? parseCIDR(node.podCIDR) : undefined;
  if (!node || !cidr) return null;
  let h = d.nextPodHost[nodeName] ?? FIRST_POD_HOST;
  for (let tries = 0; tries <= LAST_POD_HOST - FIRST_POD_HOST; tries++) {
    if (h > LAST_POD_HOST) h = FIRST_POD_HOST;
    const ip = formatIP(addressAt(cidr, BigInt(h)));
    h++;
    if (!used.has(ip)) {
      d.nextPodHost[nodeName] = h;
      return ip;
    }
  }
  return null;
}

function podName(d: Draft, w: SimWorkload, ordinal: number): string {
  if (w.kind === 'Pod') return w.name;
  if (w.kind === 'StatefulSet') return `${w.name}-${ordinal}`;
  for (;;) {
    const n = `${w.controllerName}-${randomSuffix(d.rng)}`;
    if (!d.names.has(`${w.namespace}/${n}`)) return n;
  }
}

/** Creates one pod of a workload, schedules it and gives it an IP. */
function createPod(d: Draft, w: SimWorkload, opts: { ordinal?: number; node?: string; replacing?: string } = {}): Mutable<SimPod> {
  const used = usedIPs(d);
  const name = podName(d, w, opts.ordinal ?? 0);
  const st = w.status;
  let node: string | null = opts.node ?? w.nodeName ?? null;
  if (node && !d.node(node)) d.addNode(node);
  if (!node && !(st?.phase === 'Pending' && !st.podIP)) node = schedule(d);
  let phase: PodPhase = node ? 'Running' : 'Pending';
  if (st?.phase && ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'].includes(st.phase)) phase = st.phase as PodPhase;
  let ip: string | null = null;
  if (st?.podIP && parseIP(st.podIP)) {
    ip = st.podIP;
    if (used.has(ip)) {
      d.say('kubelet', `Pod ${w.namespace}/${name} claims IP ${ip}, which another pod already has; it gets a fresh IP in the simulation.`);
      ip = null;
    }
  }
  if (!ip && node && phase !== 'Pending' && phase !== 'Succeeded' && phase !== 'Failed') {
    ip = allocatePodIP(d, node, used);
    if (!ip) {
      phase = 'Pending';
      d.say('kubelet', `No free IP left in ${node}'s pod CIDR; pod ${w.namespace}/${name} stays Pending (ContainerCreating).`);
    }
  }
  const ready = phase === 'Running' && !!ip && (st?.ready ?? true) && (!node || d.node(node)?.ready !== false);
  const pod: Mutable<SimPod> = {
    namespace: w.namespace,
    name,
    workload: w.key,
    owner: ownerOf(w),
    node,
    ip,
    phase,
    ready,
    terminating: st?.terminating ?? false,
    labels: w.labels,
    containers: w.containers,
    hostname: w.kind === 'StatefulSet' ? name : w.hostname,
    subdomain: w.subdomain,
    createdAt: d.tick(),
    creationTimestamp: w.creationTimestamp,
    enableServiceLinks: w.enableServiceLinks,
  };
  d.addPod(pod);
  if (w.kind !== 'Pod') {
    const where = node ? `on ${node}` : 'but no node can take it (Pending)';
    const why = opts.replacing ? ` to replace ${opts.replacing}` : '';
    d.say(w.kind === 'DaemonSet' ? 'DaemonSet controller' : w.kind === 'StatefulSet' ? 'StatefulSet controller' : (ownerOf(w) ?? '').split('/')[0] + ' controller', `${controllerLabel(w)} created pod ${name} ${where}${why}.`);
  } else if (!node) d.say('scheduler', `Pod ${w.namespace}/${name} is Pending: no node can take it.`);
  return pod;
}

function deletePod(d: Draft, pod: SimPod): void {
  d.removePod(pod);
}

/** Makes a workload's pods match its desired count (the ReplicaSet/StatefulSet/DaemonSet/Job controllers). */
function ensureReplicas(d: Draft, w: SimWorkload, replacing: string[] = []): void {
  const all = () => [...(d.byWorkload.get(w.key) ?? [])].sort((a, b) => a.createdAt - b.createdAt);
  const mine = () => all().filter((p) => !p.terminating && p.phase !== 'Succeeded' && p.phase !== 'Failed');
  if (w.kind === 'Pod') {
    if (!d.byWorkload.get(w.key)?.size) createPod(d, w);
    return;
  }
  if (w.kind === 'DaemonSet') {
    const targets = w.nodeName ? d.nodes.filter((n) => n.name === w.nodeName) : d.nodes.filter((n) => n.ready);
    for (const n of targets) {
      if (!mine().some((p) => p.node === n.name)) createPod(d, w, { node: n.name, replacing: replacing.shift() });
    }
    return;
  }
  // Pending pods get a node as soon as one is available.
  for (const p of mine()) {
    if (p.node === null) {
      const n = schedule(d);
      if (n) {
        d.place(p, n, allocatePodIP(d, n, usedIPs(d)));
        d.say('scheduler', `Assigned pod ${p.namespace}/${p.name} to ${n}.`);
      }
    }
  }
  const pods = mine();
  if (w.kind === 'StatefulSet') {
    const have = new Set(pods.map((p) => p.name));
    const existing = new Set(all().map((p) => p.name));
    for (let i = 0; i < w.replicas; i++) {
      const n = `${w.name}-${i}`;
      if (!have.has(n) && !existing.has(n)) createPod(d, w, { ordinal: i, replacing: replacing.includes(n) ? n : undefined });
    }
    for (const p of pods) {
      const ord = Number(p.name.slice(w.name.length + 1));
      if (ord >= w.replicas) {
        deletePod(d, p);
        d.say('StatefulSet controller', `StatefulSet ${w.name} deleted pod ${p.name} (scaled down to ${w.replicas}).`);
      }
    }
    return;
  }
  while (pods.length < w.replicas) pods.push(createPod(d, w, { replacing: replacing.shift() }));
  if (pods.length > w.replicas) {
    // The ReplicaSet controller prefers deleting unscheduled, then not-ready, then newest pods.
    const ranked = [...pods].sort((a, b) => Number(!!a.node) - Number(!!b.node) || Number(a.ready) - Number(b.ready) || b.createdAt - a.createdAt);
    for (const p of ranked.slice(0, pods.length - w.replicas)) {
      deletePod(d, p);
      d.say(`${(ownerOf(w) ?? '').split('/')[0]} controller`, `${controllerLabel(w)} deleted pod ${p.name} (scaled down to ${w.replicas}).`);
    }
  }
}

// ---------------------------------------------------------------- Services

interface Allocators {
  cidr: ReturnType<typeof parseCIDR>;
  usedIPs: Set<string>;
  usedNodePorts: Set<number>;
  lbNext: number;
}

function bandOffset(size: number, divisor: number, min: number, max: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(min, Math.floor(size / divisor)), max);
}

/** Dynamic allocation: a random free slot of the upper band, falling back to the static band (§E.1, §E.2). */
function allocateIndex(rng: Rng, size: number, offset: number, taken: (i: number) => boolean): number | undefined {
  const tryBand = (lo: number, hi: number): number | undefined => {
    const n = hi - lo;
    if (n <= 0) return undefined;
    const start = rng.int(n);
    for (let k = 0; k < n; k++) {
      const i = lo + ((start + k) % n);
      if (!taken(i)) return i;
    }
    return undefined;
  };
  return tryBand(offset, size) ?? tryBand(0, offset);
}

function newAllocators(settings: Settings): Allocators {
  const cidr = parseCIDR(settings.serviceCIDR) ?? parseCIDR('10.96.0.0/12');
  const usedIPs = new Set<string>();
  if (cidr) {
    // 10.96.0.1 is the `kubernetes` Service and 10.96.0.10 kube-dns on a kubeadm cluster.
    usedIPs.add(formatIP(addressAt(cidr, 1n)));
    if (cidr.size > 16n) usedIPs.add(formatIP(addressAt(cidr, 10n)));
  }
  return { cidr, usedIPs, usedNodePorts: new Set(), lbNext: 10 };
}

function allocateClusterIP(d: Draft, a: Allocators): string | null {
  const c = a.cidr;
  if (!c) return null;
  // Usable addresses exclude the network and broadcast addresses.
  const size = Number(c.size > 1048576n ? 1048576n : c.size) - 2;
  const offset = bandOffset(Number(c.size), 16, 16, 256);
  const at = (i: number) => formatIP(addressAt(c, BigInt(i + 1)));
  const i = allocateIndex(d.rng, size, Math.min(offset, size), (k) => a.usedIPs.has(at(k)));
  if (i === undefined) return null;
  const ip = at(i);
  a.usedIPs.add(ip);
  return ip;
}

function allocateNodePort(d: Draft, a: Allocators): number | null {
  const [lo, hi] = d.settings.nodePortRange;
  const size = hi - lo + 1;
  const i = allocateIndex(d.rng, size, bandOffset(size, 32, 16, 128), (k) => a.usedNodePorts.has(lo + k));
  if (i === undefined) return null;
  a.usedNodePorts.add(lo + i);
  return lo + i;
}

/** `status.loadBalancer.ingress[0]` as `kubectl get -o yaml` prints it. */
function lbIngress(svc: Json): { ip?: string; ipMode?: string } {
  const ing = rec(rec(svc['status'])['loadBalancer'])['ingress'];
  const first = Array.isArray(ing) ? rec(ing[0]) : {};
  return { ip: str(first['ip']), ipMode: str(first['ipMode']) };
}

/** Creates the simulated Service, or returns a reason the API server would reject it. */
function createService(d: Draft, obj: K8sObject, a: Allocators, prev: SimService | undefined): SimService | string {
  const v = obj.value;
  const spec = rec(v['spec']);
  const type = serviceType(v) as ServiceKind;
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) return `spec.type "${type}" is not a Service type`;
  const headless = type !== 'ExternalName' && isHeadless(v);
  const ports = servicePorts(v);
  // Shape errors the simulation cannot build around make the Service rejected; two it can ignore
  // are logged, so the rest of the Service can still be explored (the checker reports them all).
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) return `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${type} services`;
  if (type === 'ExternalName' && !str(spec['externalName'])) return 'spec.externalName: Required value';
  const key = `${obj.ref.namespace}/${obj.ref.name}`;
  if (type !== 'ExternalName' && !headless && ports.length === 0) {
    d.say('API server', `Service ${key} would be rejected (spec.ports: Required value); it is simulated with no ports, so it receives no traffic.`);
  }
  const stray = ports.find((p) => p.nodePort !== undefined && p.nodePort !== 0);
  if (stray && type === 'ClusterIP') {
    d.say('API server', `Service ${key} would be rejected (spec.ports[${stray.index}].nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'); the simulation ignores the nodePort.`);
  }
  let clusterIP: string | null = null;
  if (type !== 'ExternalName' && !headless) {
    const requested = str(spec['clusterIP']) || (Array.isArray(spec['clusterIPs']) ? str(spec['clusterIPs'][0]) : undefined);
    if (requested) {
      const ip = parseIP(requested);
      if (!ip || !a.cidr || !cidrContains(a.cidr, ip) || ip.value === a.cidr.base || ip.value === a.cidr.base + a.cidr.size - 1n) {
        return `spec.clusterIPs: Invalid value: "${requested}": failed to allocate IP ${requested}: the provided IP is not in the valid range (${d.settings.serviceCIDR})`;
      }
      const text = formatIP(ip);
      if (a.usedIPs.has(text) && prev?.clusterIP !== text) return `spec.clusterIPs: Invalid value: "${requested}": failed to allocate IP ${requested}: provided IP is already allocated`;
      a.usedIPs.add(text);
      clusterIP = text;
    } else if (prev?.clusterIP) {
      // Reserved for this Service by loadScope.
      clusterIP = prev.clusterIP;
    } else {
      clusterIP = allocateClusterIP(d, a);
      if (!clusterIP) return 'failed to allocate a serviceIP: range is full';
    }
  }
  const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false);
  const byNumber = new Map<number, number>();
  const [lo, hi] = d.settings.nodePortRange;
  if (type === 'NodePort' || type === 'LoadBalancer') {
    // Ports with the same number share a nodePort; a requested value wins (§A.13).
    for (const p of ports) {
      if (p.port === undefined || p.nodePort === undefined || byNumber.has(p.port)) continue;
      if (p.nodePort < lo || p.nodePort > hi) {
        return `spec.ports[${p.index}].nodePort: Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`;
      }
      const prevHas = prev?.ports.some((q) => q.nodePort === p.nodePort);
      if (a.usedNodePorts.has(p.nodePort) && !prevHas) return `spec.ports[${p.index}].nodePort: Invalid value: ${p.nodePort}: provided port is already allocated`;
      a.usedNodePorts.add(p.nodePort);
      byNumber.set(p.port, p.nodePort);
    }
    if (wantsNodePorts) {
      for (const p of ports) {
        if (p.port === undefined || byNumber.has(p.port)) continue;
        const old = prev?.ports.find((q) => q.port === p.port)?.nodePort;
        let np: number | null = null;
        if (old != null) np = old;
        else np = allocateNodePort(d, a);
        if (np === null) return 'failed to allocate a nodePort: range is full';
        byNumber.set(p.port, np);
      }
    }
  }
  const simPorts: SimServicePort[] = ports
    .filter((p) => p.port !== undefined)
    .map((p) => ({
      name: p.name ?? '',
      port: p.port!,
      targetPort: p.targetPort ?? p.port!,
      nodePort: byNumber.get(p.port!) ?? null,
      protocol: p.protocol,
    }));
  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && Array.isArray(spec['externalIPs']) && spec['externalIPs'].length > 0);
  const etp = externallyAccessible && spec['externalTrafficPolicy'] === 'Local' ? 'Local' : 'Cluster';
  let hc: number | null = null;
  if (type === 'LoadBalancer' && etp === 'Local') {
    const req = typeof spec['healthCheckNodePort'] === 'number' ? spec['healthCheckNodePort'] : undefined;
    if (req !== undefined && req !== 0) {
      if (a.usedNodePorts.has(req) && prev?.healthCheckNodePort !== req) return `spec.healthCheckNodePort: Invalid value: ${req}: provided port is already allocated`;
      hc = req;
      a.usedNodePorts.add(req);
    } else if (prev?.healthCheckNodePort != null) hc = prev.healthCheckNodePort;
    else hc = allocateNodePort(d, a);
  }
  let lbIP: string | null = null;
  let ipMode: 'VIP' | 'Proxy' = 'VIP';
  if (type === 'LoadBalancer') {
    const st = lbIngress(v);
    lbIP = st.ip ?? str(spec['loadBalancerIP']) ?? prev?.loadBalancerIP ?? `${LB_POOL}${a.lbNext++}`;
    if (st.ipMode === 'Proxy') ipMode = 'Proxy';
  }
  const affinity = spec['sessionAffinity'] === 'ClientIP' ? 'ClientIP' : 'None';
  const timeout = rec(rec(spec['sessionAffinityConfig'])['clientIP'])['timeoutSeconds'];
  return {
    namespace: obj.ref.namespace,
    name: obj.ref.name,
    type,
    clusterIP,
    headless,
    ports: simPorts,
    selector: type === 'ExternalName' ? null : (serviceSelector(v) ?? null),
    externalName: type === 'ExternalName' ? str(spec['externalName']) : undefined,
    externalIPs: Array.isArray(spec['externalIPs']) ? spec['externalIPs'].filter((x): x is string => typeof x === 'string' && !!parseIP(x)) : [],
    loadBalancerIP: lbIP,
    loadBalancerIPMode: ipMode,
    sessionAffinity: affinity,
    sessionAffinityTimeout: affinity === 'ClientIP' ? (typeof timeout === 'number' && timeout > 0 ? timeout : 10800) : 0,
    externalTrafficPolicy: etp,
    internalTrafficPolicy: spec['internalTrafficPolicy'] === 'Local' ? 'Local' : 'Cluster',
    healthCheckNodePort: hc,
    publishNotReadyAddresses: spec['publishNotReadyAddresses'] === true,
    createdAt: prev?.createdAt ?? d.tick(),
    creationTimestamp: str(rec(v['metadata'])['creationTimestamp']),
  };
}

// ---------------------------------------------------------------- building and events

/** Creates (or, with `prev`, re-creates after a manifest edit) every object of the scope in manifest order. */
function loadScope(d: Draft, scope: Scope, prev?: SimState): void {
  d.scope = scope;
  const a = newAllocators(d.settings);
  const oldWorkloads = new Map((prev?.workloads ?? []).map((w) => [w.key, w]));
  const oldServices = new Map((prev?.services ?? []).map((s) => [`${s.namespace}/${s.name}`, s]));
  const keptPods = d.clearPods();
  const keptBy = new Map<string, Mutable<SimPod>[]>();
  for (const p of keptPods) {
    const list = keptBy.get(p.workload);
    if (list) list.push(p);
    else keptBy.set(p.workload, [p]);
  }
  const seenServices = new Set<string>();
  const seenWorkloads = new Set<string>();
  d.workloads = [];
  d.services = [];
  // Services that survive the edit keep their ClusterIP and nodePorts: reserve them first, so a
  // Service that comes earlier in the new manifest cannot be given them.
  const surviving = new Set(scope.services.map((o) => `${o.ref.namespace}/${o.ref.name}`));
  for (const [key, s] of oldServices) {
    if (!surviving.has(key)) continue;
    if (s.clusterIP) a.usedIPs.add(s.clusterIP);
    for (const p of s.ports) if (p.nodePort !== null) a.usedNodePorts.add(p.nodePort);
    if (s.healthCheckNodePort !== null) a.usedNodePorts.add(s.healthCheckNodePort);
  }
  // Services first: `kubectl apply` creates the whole file before any container starts, so pods of
  // the same apply see every Service of it (env vars are fixed when a container starts, §E.4).
  const ordered = [...scope.objects.filter((o) => o.ref.kind === 'Service' && o.ref.apiVersion === 'v1'), ...scope.objects.filter((o) => !(o.ref.kind === 'Service' && o.ref.apiVersion === 'v1'))];
  // An object declared twice: `kubectl apply` creates it from the first declaration and then applies the
  // second over it, so the last declaration the API server accepts is what ends up in the cluster.
  const serviceDecls = new Map<string, K8sObject[]>();
  const lastWorkload = new Map<string, SimWorkload>();
  const workloadOfObject = new Map<K8sObject, SimWorkload | undefined>();
  const declared = new Map<string, number>();
  for (const obj of ordered) {
    const isService = obj.ref.kind === 'Service' && obj.ref.apiVersion === 'v1';
    const w = isService ? undefined : workloadOf(obj);
    if (!isService) workloadOfObject.set(obj, w);
    const key = isService ? `${obj.ref.namespace}/${obj.ref.name}` : w?.key;
    if (key === undefined) continue;
    if (isService) {
      const list = serviceDecls.get(key);
      if (list) list.push(obj);
      else serviceDecls.set(key, [obj]);
    } else lastWorkload.set(key, w!);
    const label = isService ? `Service ${key}` : `${w!.kind} ${w!.namespace}/${w!.name}`;
    declared.set(label, (declared.get(label) ?? 0) + 1);
  }
  // Said once: re-applying the same manifest after an edit does not repeat it in the event log.
  const alreadySaid = new Set(d.log.filter((e) => e.actor === 'kubectl').map((e) => e.message));
  for (const [label, n] of declared) {
    const message = `${label} is declared ${n} times in these manifests. kubectl apply applies each declaration in turn, so the last one the API server accepts is what the cluster keeps.`;
    if (n > 1 && !alreadySaid.has(message)) d.say('kubectl', message);
  }
  for (const first of ordered) {
    if (first.ref.kind === 'Service' && first.ref.apiVersion === 'v1') {
      const key = `${first.ref.namespace}/${first.ref.name}`;
      if (seenServices.has(key)) continue;
      seenServices.add(key);
      // The last declaration the API server accepts: a rejected apply leaves the earlier one in place.
      const decls = serviceDecls.get(key) ?? [first];
      let res: SimService | string = '';
      let old: SimService | undefined;
      for (let i = decls.length - 1; i >= 0; i--) {
        const obj = decls[i]!;
        old = oldServices.get(key);
        if (old && old.type !== serviceType(obj.value)) old = old.type === 'ExternalName' || serviceType(obj.value) === 'ExternalName' ? undefined : old;
        res = createService(d, obj, a, old);
        if (typeof res !== 'string') break;
        const earlier = i > 0 ? ` (declaration ${i + 1} of ${decls.length}: an apply that fails leaves the Service as the declaration before it made it)` : '';
        d.say('API server', `Service ${key} was rejected: ${res}${earlier}`);
      }
      if (typeof res !== 'string') {
        d.services.push(res);
        if (!old) {
          const ip = res.clusterIP ? `ClusterIP ${res.clusterIP}` : res.headless ? 'no ClusterIP (headless)' : `no ClusterIP (ExternalName → ${res.externalName ?? '?'})`;
          const np = res.ports.filter((p) => p.nodePort !== null).map((p) => `nodePort ${p.nodePort} for port ${p.port}`);
          if (res.healthCheckNodePort !== null) np.push(`healthCheckNodePort ${res.healthCheckNodePort}`);
          const lb = res.loadBalancerIP ? `; the cloud load balancer gives it ${res.loadBalancerIP}` : '';
          d.say('API server', `Service ${key} created with ${ip}${np.length ? ', ' + np.join(', ') : ''}${lb}.`);
        }
      }
      continue;
    }
    const declaredFirst = workloadOfObject.get(first);
    if (!declaredFirst || seenWorkloads.has(declaredFirst.key)) continue;
    seenWorkloads.add(declaredFirst.key);
    const w = lastWorkload.get(declaredFirst.key) ?? declaredFirst;
    d.workloads.push(w);
    const old = oldWorkloads.get(w.key);
    const survivors = old && old.templateHash === w.templateHash && stableJson(old.status) === stableJson(w.status) ? (keptBy.get(w.key) ?? []) : [];
    for (const p of survivors) d.addPod(p);
    if (old && !survivors.length && keptBy.has(w.key)) {
      d.say(`${w.kind} controller`, `${w.kind} ${w.name}: the pod template changed, so its pods are replaced.`);
    }
    if (w.kind === 'DaemonSet' && d.nodes.length === 0) continue;
    ensureReplicas(d, w);
  }
  // Pods whose workload disappeared are deleted (garbage collection).
  for (const p of keptPods) {
    if (!seenWorkloads.has(p.workload)) d.say('garbage collector', `Deleted pod ${p.namespace}/${p.name}: its ${p.workload.split('/')[0]} is gone from the manifest.`);
  }
}

function finish(d: Draft, seed: number, base?: SimState): SimState {
  const scope = d.scope;
  const services = d.services;
  const pods = d.pods.map((p) => ({ ...p }) as SimPod);
  const slices = reconcileEndpoints(services, pods, d.nodes, scope ? scope.endpointSlices : undefined, base?.slices);
  const ingresses = scope ? buildIngresses(scope) : (base?.ingresses ?? []);
  return {
    seed,
    rng: d.rng.state,
    clock: d.clock,
    settings: d.settings,
    nodes: d.nodes.map((n) => ({ ...n })),
    workloads: d.workloads,
    pods,
    services,
    slices,
    ingresses,
    nextPodHost: { ...d.nextPodHost },
    log: d.log,
  };
}

/** Builds the simulated cluster for the objects of a scope. Never throws on user input. */
export function createSimulation(scope: Scope, options: SimOptions = {}): SimState {
  const seed = Number.isFinite(options.seed) ? Math.trunc(options.seed!) : 1;
  const settings = withDefaults(options.settings);
  const d = new Draft(settings, { rng: seedState(seed) });
  const wanted = options.nodes !== undefined && Number.isFinite(options.nodes) ? Math.trunc(options.nodes) : 3;
  const n = Math.max(1, Math.min(MAX_NODES, wanted));
  for (let i = 1; i <= n; i++) d.addNode(`node-${i}`);
  loadScope(d, scope);
  return finish(d, seed);
}

function findPod(d: Draft, ref: string): Mutable<SimPod> | undefined {
  const [ns, name] = ref.includes('/') ? [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)] : ['default', ref];
  return d.pods.find((p) => p.namespace === ns && p.name === name) ?? (ref.includes('/') ? undefined : d.pods.find((p) => p.name === ref));
}

function findWorkload(d: Draft, ref: string): SimWorkload | undefined {
  const exact = d.workloads.find((w) => w.key === ref);
  if (exact) return exact;
  const parts = ref.split('/');
  if (parts.length === 2) return d.workloads.find((w) => w.namespace === parts[0] && w.name === parts[1] && w.kind !== 'Pod');
  return d.workloads.find((w) => w.name === ref && w.kind !== 'Pod');
}

/** Evicts every pod on a node except DaemonSet pods; controllers recreate them elsewhere. */
function evictNode(d: Draft, node: string, why: string): void {
  const victims = d.pods.filter((p) => p.node === node && !p.workload.startsWith('DaemonSet/'));
  const replaced = new Map<string, string[]>();
  for (const p of victims) {
    deletePod(d, p);
    d.say('node controller', `Evicted pod ${p.namespace}/${p.name} from ${node} (${why}).`);
    if (p.workload.startsWith('Pod/')) d.say('node controller', `Pod ${p.namespace}/${p.name} has no controller, so nothing recreates it.`);
    else replaced.set(p.workload, [...(replaced.get(p.workload) ?? []), p.name]);
  }
  for (const [key, names] of replaced) {
    const w = d.workloads.find((x) => x.key === key);
    if (w) ensureReplicas(d, w, names);
  }
}

function applyOne(d: Draft, ev: SimEvent, seed: number): void {
  d.tick();
  switch (ev.type) {
    case 'killPod':
    case 'terminatePod': {
      const p = findPod(d, ev.pod);
      if (!p) return d.say('kubectl', `No pod ${ev.pod} to delete.`);
      if (ev.type === 'killPod') {
        deletePod(d, p);
        d.say('kubectl', `Deleted pod ${p.namespace}/${p.name} (it had IP ${p.ip ?? 'none'}).`);
      } else {
        p.terminating = true;
        d.say('kubectl', `Pod ${p.namespace}/${p.name} is terminating (deletionTimestamp set); it stays in EndpointSlices as terminating until it exits.`);
      }
      const w = d.workloads.find((x) => x.key === p.workload);
      if (w && w.kind !== 'Pod') ensureReplicas(d, w, [p.name]);
      else d.say('kubectl', `Pod ${p.namespace}/${p.name} is a bare Pod: no controller recreates it.`);
      return;
    }
    case 'scale': {
      const w = findWorkload(d, ev.workload);
      if (!w || w.kind === 'Pod' || w.kind === 'DaemonSet') return d.say('kubectl', `Nothing to scale named ${ev.workload} (Deployments, ReplicaSets, StatefulSets, Jobs and ReplicationControllers scale).`);
      const replicas = Math.max(0, Math.min(1000, Math.trunc(ev.replicas) || 0));
      const nw = { ...w, replicas };
      d.workloads = d.workloads.map((x) => (x.key === w.key ? nw : x));
      d.say('kubectl', `Scaled ${w.kind} ${w.namespace}/${w.name} from ${w.replicas} to ${replicas} replicas.`);
      ensureReplicas(d, nw);
      return;
    }
    case 'readiness': {
      const p = findPod(d, ev.pod);
      if (!p) return d.say('kubelet', `No pod ${ev.pod}.`);
      if (p.phase !== 'Running' || !p.ip) return d.say('kubelet', `Pod ${p.namespace}/${p.name} is not running, so its readiness does not change.`);
      if (ev.ready && p.node && d.node(p.node)?.ready === false) return d.say('kubelet', `Pod ${p.namespace}/${p.name} runs on ${p.node}, which is NotReady: it cannot become Ready until the node recovers.`);
      p.ready = ev.ready;
      d.say(
        'kubelet',
        ev.ready
          ? `Readiness probe of ${p.namespace}/${p.name} passes again: the pod is Ready and rejoins the ready endpoints of its Services.`
          : `Readiness probe of ${p.namespace}/${p.name} fails: the pod is not Ready and leaves the ready endpoints of its Services (ready=false, serving=false).`,
      );
      return;
    }
    case 'cordonNode':
    case 'uncordonNode': {
      const n = d.node(ev.node);
      if (!n) return d.say('kubectl', `No node ${ev.node}.`);
      n.unschedulable = ev.type === 'cordonNode';
      d.say('kubectl', n.unschedulable ? `Cordoned ${n.name}: no new pods are scheduled there; running pods stay.` : `Uncordoned ${n.name}: pods may be scheduled there again.`);
      if (!n.unschedulable) for (const w of d.workloads) ensureReplicas(d, w);
      return;
    }
    case 'drainNode': {
      const n = d.node(ev.node);
      if (!n) return d.say('kubectl', `No node ${ev.node}.`);
      n.unschedulable = true;
      d.say('kubectl', `Draining ${n.name}: cordoned, then its pods are evicted (DaemonSet pods stay).`);
      evictNode(d, n.name, 'drain');
      return;
    }
    case 'failNode': {
      const n = d.node(ev.node);
      if (!n) return d.say('kubectl', `No node ${ev.node}.`);
      n.ready = false;
      d.say('node controller', `${n.name} is NotReady.`);
      for (const p of d.pods) {
        if (p.node === n.name && p.workload.startsWith('DaemonSet/')) {
          p.ready = false;
        }
      }
      evictNode(d, n.name, 'node failed');
      return;
    }
    case 'recoverNode': {
      const n = d.node(ev.node);
      if (!n) return d.say('kubectl', `No node ${ev.node}.`);
      n.ready = true;
      d.say('node controller', `${n.name} is Ready again.`);
      for (const p of d.pods) if (p.node === n.name && p.phase === 'Running' && p.ip) p.ready = true;
      for (const w of d.workloads) ensureReplicas(d, w);
      return;
    }
    case 'editManifest': {
      const prev = snapshot(d, seed);
      d.say('kubectl', 'Applied the edited manifest.');
      loadScope(d, ev.scope, prev);
      return;
    }
    default:
      return;
  }
}

function snapshot(d: Draft, seed: number): SimState {
  return {
    seed,
    rng: d.rng.state,
    clock: d.clock,
    settings: d.settings,
    nodes: d.nodes,
    workloads: d.workloads,
    pods: d.pods,
    services: d.services,
    slices: [],
    ingresses: [],
    nextPodHost: d.nextPodHost,
    log: d.log,
  };
}

/** The state the controllers reach after one event. The input state is not modified. */
export function applyEvent(state: SimState, event: SimEvent): SimState {
  const d = new Draft(state.settings, state);
  applyOne(d, event, state.seed);
  return finish(d, state.seed, state);
}

/** Applies events in order. */
export function applyEvents(state: SimState, events: readonly SimEvent[]): SimState {
  return events.reduce(applyEvent, state);
}
