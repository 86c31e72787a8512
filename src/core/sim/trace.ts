// Follows one request through the simulated cluster hop by hop: DNS, Ingress, Service port,
// kube-proxy's choice, DNAT and SNAT (KUBERNETES.md §B.2, §C.7, §D). Reads the state, never changes it.
import { resolveTargetPort } from '../k8s';
import { parseIP } from '../net';
import { resolveName } from './dns';
import { matchIngress, tlsCovers } from './ingress';
import { backendsFor, chainNames, externallyAccessible, serviceKey, usable } from './proxy';
import type { Backend } from './proxy';
import { Rng, seedState } from './rng';
import { sha256 } from './sha256';
import type { NsName, SimPod, SimService, SimServicePort, SimState, Trace, TraceCandidate, TraceOutcome, TraceRequest, TraceStep } from './types';

interface Target {
  scheme?: 'http' | 'https';
  host: string;
  port?: number;
  path: string;
}

/** Parses `http://host[:port]/path`, `host[:port]`, `ip:port` or `[v6]:port`. */
export function parseTarget(text: string): Target | undefined {
  let t = text.trim();
  let scheme: Target['scheme'];
  const m = t.match(/^(https?):\/\//i);
  if (m) {
    scheme = m[1]!.toLowerCase() as 'http' | 'https';
    t = t.slice(m[0].length);
  }
  const slash = t.search(/[/?#]/);
  const authority = slash >= 0 ? t.slice(0, slash) : t;
  const path = slash >= 0 ? (t[slash] === '/' ? t.slice(slash) : '/' + t.slice(slash)) : '/';
  let host = authority;
  let port: number | undefined;
  const v6 = authority.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (v6) {
    host = v6[1]!;
    port = v6[2] ? Number(v6[2]) : undefined;
  } else if ((authority.match(/:/g) ?? []).length === 1) {
    const i = authority.indexOf(':');
    host = authority.slice(0, i);
    if (!/^\d{1,5}$/.test(authority.slice(i + 1))) return undefined;
    port = Number(authority.slice(i + 1));
  } else if (parseIP(authority)) host = authority;
  if (!host || (port !== undefined && (port < 1 || port > 65535))) return undefined;
  if (port === undefined && scheme) port = scheme === 'https' ? 443 : 80;
  return { scheme, host: host.toLowerCase(), port, path };
}

class TraceBuilder {
  steps: TraceStep[] = [];
  candidates: TraceCandidate[] = [];
  pod: NsName | null = null;
  port: number | null = null;
  add(s: TraceStep): void {
    this.steps.push(s);
  }
  end(outcome: TraceOutcome, text?: string): Trace {
    if (text) this.steps.push({ kind: 'error', text });
    return { outcome, steps: this.steps, candidates: this.candidates, pod: this.pod, port: this.port };
  }
}

type Via = 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP';

function podByRef(state: SimState, ref: string): SimPod | undefined {
  const [ns, name] = ref.includes('/') ? [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)] : ['default', ref];
  return state.pods.find((p) => p.namespace === ns && p.name === name);
}

function pickPort(svc: SimService, port: number | undefined, via: Via): SimServicePort | undefined {
  if (via === 'nodePort') return svc.ports.find((p) => p.nodePort === port);
  if (port === undefined) return svc.ports.length === 1 ? svc.ports[0] : undefined;
  return svc.ports.find((p) => p.port === port);
}

/** Follows a request. Deterministic: the same state and request always give the same trace. */
export function trace(state: SimState, req: TraceRequest): Trace {
  const b = new TraceBuilder();
  const rng = new Rng(seedState(state.seed ^ hashInt(JSON.stringify(req.from) + '|' + req.target)));
  const from = req.from;
  let clientPod: SimPod | undefined;
  let clientNode: string | undefined;
  if (from.kind === 'pod') {
    clientPod = podByRef(state, from.pod);
    if (!clientPod) return b.end('bad-target', `There is no pod ${from.pod} in the simulation.`);
    if (!clientPod.ip || !clientPod.node) return b.end('bad-target', `Pod ${from.pod} is not running (no IP), so it cannot send anything.`);
    clientNode = clientPod.node;
  } else if (from.kind === 'node') {
    if (!state.nodes.some((n) => n.name === from.node)) return b.end('bad-target', `There is no node ${from.node}; nodes are ${state.nodes.map((n) => n.name).join(', ')}.`);
    clientNode = from.node;
  }
  const target = parseTarget(req.target);
  if (!target) return b.end('bad-target', `Cannot read the target ${JSON.stringify(req.target)}: use http://host/path, a DNS name, ip:port or nodeIP:nodePort.`);
  const ip = parseIP(target.host);
  if (ip) return traceIP(state, b, rng, target, target.host, from.kind, clientPod, clientNode);

  // A name: nodes, cluster DNS, else (from outside) the Ingress controller.
  const node = state.nodes.find((n) => n.name === target.host);
  if (node) {
    b.add({ kind: 'dns', text: `${target.host} is a node; its address is ${node.ip}.`, name: target.host, answers: [node.ip] });
    return traceIP(state, b, rng, target, node.ip, from.kind, clientPod, clientNode);
  }
  const ns = clientPod?.namespace;
  const res = from.kind === 'external' ? resolveExternal(state, target.host) : resolveName(state, target.host, ns);
  if (!res) {
    if (from.kind === 'external') return traceIngress(state, b, rng, target);
    const hint = !target.host.includes('.') && ns ? ` (from namespace ${ns}; a Service in another namespace needs <name>.<namespace>)` : '';
    b.add({ kind: 'dns', text: `Cluster DNS has no record for ${target.host}${hint}: NXDOMAIN.`, name: target.host, answers: [] });
    return b.end('nxdomain');
  }
  const cname = res.records.find((r) => r.type === 'CNAME');
  if (cname) {
    b.add({ kind: 'dns', text: `${res.fqdn} is an ExternalName Service: DNS answers CNAME ${cname.data}. No ClusterIP, no kube-proxy: the client connects to ${cname.data} directly, outside the cluster.`, name: res.fqdn, answers: [cname.data] });
    return b.end('external-name');
  }
  const answers = res.records.map((r) => r.data);
  const svc = serviceOfFqdn(state, res.fqdn);
  if (svc?.headless) {
    b.add({ kind: 'dns', text: `${res.fqdn} belongs to a headless Service: DNS answers the ready pods' IPs directly (${answers.join(', ')}); there is no ClusterIP and no load balancing by kube-proxy.`, name: res.fqdn, answers });
    const chosen = answers[rng.int(answers.length)]!;
    const n = answers.length;
    for (const a of answers) {
      const p = state.pods.find((q) => q.ip === a);
      b.candidates.push({ pod: p ? `${p.namespace}/${p.name}` : null, ip: a, port: target.port ?? 0, probability: 1 / n });
    }
    b.add({ kind: 'kube-proxy', text: `The client picks ${chosen} from the DNS answer (clients usually take the first record; the order varies).`, chain: '' });
    return deliverDirect(state, b, chosen, target.port, svc);
  }
  b.add({ kind: 'dns', text: `DNS: ${res.fqdn} → ${answers.join(', ')}${svc ? ` (the ClusterIP of Service ${serviceKey(svc)})` : ''}.`, name: res.fqdn, answers });
  return traceIP(state, b, rng, target, answers[0]!, from.kind, clientPod, clientNode);
}

function resolveExternal(state: SimState, host: string): ReturnType<typeof resolveName> {
  // From outside only fully qualified cluster names can mean anything (as if DNS forwarded to the cluster).
  return host.endsWith(`.svc.${state.settings.clusterDomain}`) ? resolveName(state, host, undefined) : undefined;
}

function serviceOfFqdn(state: SimState, fqdn: string): SimService | undefined {
  const parts = fqdn.split('.');
  const svcPart = parts.indexOf('svc');
  if (svcPart < 2) return undefined;
  return state.services.find((s) => s.name === parts[svcPart - 2] && s.namespace === parts[svcPart - 1]);
}

function traceIngress(state: SimState, b: TraceBuilder, rng: Rng, target: Target): Trace {
  if (state.ingresses.length === 0) {
    b.add({ kind: 'dns', text: `${target.host} is not a Service or node name; public DNS would point it at the Ingress controller, but there is no Ingress.`, name: target.host, answers: [] });
    return b.end('no-route', 'No Ingress exists, so nothing routes this host into the cluster.');
  }
  const m = matchIngress(state.ingresses, target.host, target.path);
  if (!m) {
    b.add({ kind: 'dns', text: `${target.host} points at the Ingress controller (as public DNS would).`, name: target.host, answers: [] });
    return b.end('no-route', `No Ingress rule matches host ${target.host} and path ${target.path}, and no Ingress has a defaultBackend: the controller answers 404.`);
  }
  b.add({ kind: 'dns', text: `${target.host} is not a Service or node name: public DNS points it at the Ingress controller.`, name: target.host, answers: [] });
  const ing = m.ingress;
  const ref = `${ing.namespace}/${ing.name}`;
  const rule =
    m.match === 'rule'
      ? `rule ${m.host === null ? 'for any host' : `host ${m.host}`}, ${m.path!.pathType} path ${m.path!.path}`
      : 'defaultBackend (no rule matched)';
  const tls = target.scheme === 'https' ? (tlsCovers(ing, target.host) ? ' TLS is terminated for this host.' : ' No TLS entry lists this host, so the controller serves its default certificate.') : '';
  b.add({
    kind: 'ingress',
    text: `Ingress ${ref}${ing.class ? ` (class ${ing.class})` : ' (no IngressClass and no default class: some controllers ignore such an Ingress)'} matches ${target.host}${target.path} by its ${rule} → Service ${m.backend.service} port ${m.backend.port ?? '?'}.${tls}`,
    ingress: ref,
    match: m.match,
    service: m.backend.service,
    port: m.backend.port,
  });
  const svc = state.services.find((s) => serviceKey(s) === m.backend.service);
  if (!svc) return b.end('connection-refused', `Service ${m.backend.service} does not exist: the Ingress controller answers 503.`);
  const sp = typeof m.backend.port === 'number' ? svc.ports.find((p) => p.port === m.backend.port) : svc.ports.find((p) => p.name === m.backend.port);
  if (!sp) return b.end('connection-refused', `Service ${m.backend.service} has no port ${m.backend.port ?? '(none given)'}: the Ingress controller answers 503.`);
  return balance(state, b, rng, svc, sp, 'clusterIP', 'ingress', undefined, undefined);
}

function traceIP(state: SimState, b: TraceBuilder, rng: Rng, target: Target, ipText: string, fromKind: 'external' | 'node' | 'pod', clientPod: SimPod | undefined, clientNode: string | undefined): Trace {
  const ip = parseIP(ipText)!;
  const norm = ipText;
  const bySvc = (pred: (s: SimService) => boolean) => state.services.find(pred);
  const cip = bySvc((s) => s.clusterIP === norm);
  if (cip) {
    if (fromKind === 'external') return b.end('no-route', `${norm} is the ClusterIP of ${serviceKey(cip)}: ClusterIPs are virtual and only reachable from inside the cluster. Use a NodePort, a LoadBalancer or an Ingress.`);
    const sp = pickPort(cip, target.port, 'clusterIP');
    if (!sp) return b.end('no-route', `Service ${serviceKey(cip)} has no port ${target.port ?? '(none given)'}; its ports are ${cip.ports.map((p) => p.port).join(', ') || 'none'}. kube-proxy has no rule for that port, so the packet goes nowhere and the connection times out.`);
    return balance(state, b, rng, cip, sp, 'clusterIP', fromKind, clientPod, clientNode);
  }
  const node = state.nodes.find((n) => n.ip === norm);
  if (node) {
    const svc = bySvc((s) => s.ports.some((p) => p.nodePort !== null && p.nodePort === target.port));
    if (!svc) return b.end('connection-refused', `No Service has nodePort ${target.port ?? '(none given)'} on ${node.name}; nothing listens there.`);
    if (!node.ready) return b.end('dropped', `${node.name} is NotReady: nothing answers on it.`);
    return balance(state, b, rng, svc, pickPort(svc, target.port, 'nodePort')!, 'nodePort', fromKind, clientPod, node.name);
  }
  const lb = bySvc((s) => s.loadBalancerIP === norm);
  if (lb) {
    const sp = pickPort(lb, target.port, 'loadBalancer');
    if (!sp) return b.end('no-route', `LoadBalancer ${serviceKey(lb)} has no port ${target.port ?? '(none given)'}; its ports are ${lb.ports.map((p) => p.port).join(', ') || 'none'}.`);
    return balance(state, b, rng, lb, sp, 'loadBalancer', fromKind, clientPod, clientNode);
  }
  const eip = bySvc((s) => s.externalIPs.includes(norm));
  if (eip) {
    const sp = pickPort(eip, target.port, 'externalIP');
    if (!sp) return b.end('no-route', `Service ${serviceKey(eip)} has no port ${target.port ?? '(none given)'} on external IP ${norm}; its ports are ${eip.ports.map((p) => p.port).join(', ') || 'none'}.`);
    return balance(state, b, rng, eip, sp, 'externalIP', fromKind, clientPod, clientNode);
  }
  const pod = state.pods.find((p) => p.ip === norm);
  if (pod) {
    if (fromKind === 'external') return b.end('no-route', `${norm} is a pod IP; pod IPs are not reachable from outside the cluster.`);
    return deliverDirect(state, b, norm, target.port, undefined);
  }
  void ip;
  return b.end('no-route', `Nothing in the simulated cluster owns ${norm}.`);
}

function deliverDirect(state: SimState, b: TraceBuilder, ip: string, port: number | undefined, svc: SimService | undefined): Trace {
  const pod = state.pods.find((p) => p.ip === ip);
  if (!pod) return b.end('no-route', `No pod has IP ${ip}.`);
  const key = `${pod.namespace}/${pod.name}`;
  const p = port ?? svc?.ports[0]?.port;
  b.pod = key;
  b.port = p ?? null;
  if (p === undefined) return b.end('bad-target', 'Give a port (name:port) to connect to a pod directly.');
  b.add({ kind: 'snat', text: 'Pod-to-pod traffic is routed directly: no DNAT, no SNAT; the pod sees the client IP.', masquerade: false });
  return deliver(b, pod, p, 'TCP');
}

function deliver(b: TraceBuilder, pod: SimPod, port: number, protocol: string): Trace {
  const key = `${pod.namespace}/${pod.name}`;
  const declared = !!resolveTargetPort(pod.containers, port, protocol)?.containerPort;
  b.pod = key;
  b.port = port;
  if (declared) {
    b.add({ kind: 'deliver', text: `Delivered to ${key} on port ${port}/${protocol}, which a container declares.`, pod: key, declared });
    return b.end('delivered');
  }
  b.add({ kind: 'deliver', text: `Delivered to ${key} on port ${port}/${protocol}, but no container declares that port: it works only if the process really listens on ${port} (containerPort is informational).`, pod: key, declared });
  return b.end('delivered-undeclared');
}

/** kube-proxy's part: pick the chain and an endpoint, then DNAT and maybe SNAT. */
function balance(state: SimState, b: TraceBuilder, rng: Rng, svc: SimService, sp: SimServicePort, via: Via | 'clusterIP', fromKind: 'external' | 'node' | 'pod' | 'ingress', clientPod: SimPod | undefined, clientNode: string | undefined): Trace {
  const key = serviceKey(svc);
  const portLabel = sp.name || String(sp.port);
  const addr = via === 'nodePort' ? `nodePort ${sp.nodePort}` : via === 'loadBalancer' ? `LoadBalancer IP ${svc.loadBalancerIP}:${sp.port}` : via === 'externalIP' ? `external IP :${sp.port}` : `${svc.clusterIP}:${sp.port}`;
  b.add({ kind: 'service', text: `Service ${key} port ${portLabel} (${addr}/${sp.protocol}) targets ${typeof sp.targetPort === 'string' ? `the container port named "${sp.targetPort}"` : `port ${sp.targetPort}`} on its pods.`, service: key, port: portLabel, via: via === 'clusterIP' ? 'clusterIP' : via });
  const chains = chainNames(svc, sp);
  const all = backendsFor(state.slices, svc, sp);
  const cluster = usable(all);
  const external = via !== 'clusterIP';
  // An LB IP with ipMode Proxy is not captured by kube-proxy (G52): in-cluster clients go out to the
  // load balancer and come back in like external traffic.
  const viaProxyLB = via === 'loadBalancer' && svc.loadBalancerIPMode === 'Proxy';
  if (viaProxyLB && fromKind !== 'external') {
    b.add({ kind: 'kube-proxy', text: 'The load balancer IP has ipMode Proxy, so kube-proxy does not capture it: the packet leaves the cluster, and the load balancer sends it back to a node like external traffic.', chain: '' });
  }
  // The node whose kube-proxy handles the packet.
  let node = clientNode;
  if (external && (fromKind === 'external' || viaProxyLB) && via !== 'nodePort') {
    // The load balancer (or router) hands the packet to a node; with ETP Local its health checks keep only nodes with local endpoints.
    const nodes = state.nodes.filter((n) => n.ready);
    const healthy = svc.externalTrafficPolicy === 'Local' ? nodes.filter((n) => usable(all, n.name).length > 0) : nodes;
    const pool = healthy.length ? healthy : nodes;
    node = pool.length ? pool[rng.int(pool.length)]!.name : undefined;
    if (node) b.add({ kind: 'kube-proxy', text: `The ${via === 'loadBalancer' ? 'load balancer' : 'network'} sends the packet to ${node}${svc.externalTrafficPolicy === 'Local' ? ' (with externalTrafficPolicy: Local, health checks on healthCheckNodePort ' + (svc.healthCheckNodePort ?? '?') + ' keep only nodes that run a backend)' : ''}.`, chain: '' });
  }
  if (fromKind === 'ingress') node = undefined;
  const fromPod = fromKind === 'pod' || fromKind === 'ingress';
  let eps: Backend[];
  let chain: string;
  let masq = false;
  if (!external) {
    if (svc.internalTrafficPolicy === 'Local' && node) {
      eps = usable(all, node);
      chain = chains.svl;
      if (!eps.length) {
        if (!cluster.length) return noEndpoints(b, svc, sp);
        b.add({ kind: 'kube-proxy', text: `internalTrafficPolicy is Local and ${node} runs no ready backend for ${key}: kube-proxy DROPs the packet ("${key}${sp.name ? ':' + sp.name : ''} has no local endpoints").`, chain: 'KUBE-SERVICES (filter)' });
        return b.end('dropped');
      }
    } else {
      eps = cluster;
      chain = chains.svc;
    }
    // Off-cluster sources (a node's own address) are masqueraded for ClusterIP traffic.
    masq = fromKind === 'node';
  } else {
    const shortCircuit = !viaProxyLB && (fromPod || (svc.externalTrafficPolicy === 'Local' && fromKind === 'node'));
    if (svc.externalTrafficPolicy === 'Local' && !shortCircuit && node) {
      eps = usable(all, node);
      chain = chains.svl;
      if (!eps.length) {
        if (!cluster.length) return noEndpoints(b, svc, sp);
        b.add({ kind: 'kube-proxy', text: `externalTrafficPolicy is Local and ${node} runs no ready backend for ${key}: kube-proxy DROPs the packet ("has no local endpoints"). Send it to a node that runs a backend.`, chain: 'KUBE-EXTERNAL-SERVICES (filter)' });
        return b.end('dropped');
      }
      masq = false;
    } else {
      eps = cluster;
      chain = chains.svc;
      masq = svc.externalTrafficPolicy === 'Cluster' || fromKind === 'node';
      if (svc.externalTrafficPolicy === 'Local' && fromPod) {
        b.add({ kind: 'kube-proxy', text: 'Traffic from a pod to an external address of a Local-policy Service is short-circuited to the cluster-wide chain (any ready backend).', chain: chains.ext });
      }
    }
  }
  if (!eps.length) return noEndpoints(b, svc, sp);
  const n = eps.length;
  b.candidates = eps.map((e) => ({ pod: e.pod, ip: e.ip, port: e.port, probability: 1 / n }));
  const pick = eps[rng.int(n)]!;
  const probs = eps.map((e, i) => `${e.pod ?? e.ip} (${(100 / n).toFixed(1)}%${i < n - 1 ? `, rule probability ${(1 / (n - i)).toFixed(10)}` : ', last rule'})`).join('; ');
  const fallback = eps.every((e) => !e.ready) ? ' No endpoint is ready, so kube-proxy falls back to the serving, terminating ones.' : '';
  const aff = svc.sessionAffinity === 'ClientIP' ? ` With sessionAffinity ClientIP, later connections from this client go to the same pod for ${svc.sessionAffinityTimeout}s.` : '';
  if (fromKind === 'ingress') {
    b.add({ kind: 'kube-proxy', text: `The Ingress controller sends the request straight to one of the Service's endpoints (it reads the EndpointSlices itself rather than using the ClusterIP): ${eps.map((e) => `${e.pod ?? e.ip} (${(100 / n).toFixed(1)}%)`).join('; ')}.${fallback} This time: ${pick.pod ?? pick.ip}.`, chain: '' });
  } else {
    b.add({ kind: 'kube-proxy', text: `kube-proxy${node ? ` on ${node}` : ''} chain ${chain} chooses among ${n} endpoint${n === 1 ? '' : 's'}: ${probs}.${fallback} This time: ${pick.pod ?? pick.ip}.${aff}`, chain });
  }
  const hairpin = clientPod && clientPod.ip === pick.ip;
  if (hairpin) masq = true;
  if (fromKind === 'ingress') {
    b.add({ kind: 'dnat', text: `The controller opens a new connection to ${pick.ip}:${pick.port} (no DNAT needed).`, to: `${pick.ip}:${pick.port}` });
  } else b.add({ kind: 'dnat', text: `DNAT ${addr} → ${pick.ip}:${pick.port}.`, to: `${pick.ip}:${pick.port}` });
  b.add({
    kind: 'snat',
    text: fromKind === 'ingress'
      ? "No SNAT, but the Ingress controller is a proxy: the pod sees the controller pod's address; the client's address travels in the X-Forwarded-For header."
      : masq
      ? hairpin
        ? 'The pod reached itself through the Service (hairpin): the packet is masqueraded, so it sees a node address as the source.'
        : 'The packet is masqueraded (SNAT to the node IP): the pod sees a node address, not the client IP.'
      : 'No SNAT: the pod sees the real client IP.',
    masquerade: masq,
  });
  const pod = pick.pod ? podByRef(state, pick.pod) : undefined;
  if (!pod) {
    b.pod = pick.pod;
    b.port = pick.port;
    b.add({ kind: 'deliver', text: `Delivered to ${pick.ip}:${pick.port} (an address from a manual EndpointSlice, outside the simulated pods).`, pod: pick.pod ?? pick.ip, declared: true });
    return b.end('delivered');
  }
  return deliver(b, pod, pick.port, sp.protocol);
}

function noEndpoints(b: TraceBuilder, svc: SimService, sp: SimServicePort): Trace {
  const key = serviceKey(svc);
  b.add({
    kind: 'kube-proxy',
    text: `${key} has no ready (or serving, terminating) endpoint for port ${sp.name || sp.port}: kube-proxy REJECTs the connection ("${key}${sp.name ? ':' + sp.name : ''} has no endpoints"). Check that the selector matches running, Ready pods and that the targetPort exists on them.`,
    chain: externallyAccessible(svc, sp) ? 'KUBE-EXTERNAL-SERVICES (filter)' : 'KUBE-SERVICES (filter)',
  });
  return b.end('connection-refused');
}

function hashInt(s: string): number {
  const h = sha256(s);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) | 0;
}
