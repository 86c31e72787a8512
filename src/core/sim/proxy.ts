// kube-proxy (KUBERNETES.md §D): which endpoints receive traffic for each Service port, and the
// iptables / nftables rules it would write for one Service on one node.
import { slicesOf } from './endpoints';
import { base32, sha256 } from './sha256';
import type { SimEndpointSlice, SimService, SimServicePort, SimState } from './types';

/** One backend of a Service port: an endpoint address with the port resolved for that port name. */
export interface Backend {
  readonly pod: string | null;
  readonly node: string | null;
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

/** Cluster CIDR used as kube-proxy's local-traffic detector (`--cluster-cidr`). */
export const CLUSTER_CIDR = '10.244.0.0/16';
const MASQ_MARK = '0x4000';

export function serviceKey(s: { namespace: string; name: string }): string {
  return `${s.namespace}/${s.name}`;
}

/** Finds a Service by `ns/name` (or a bare name in `default`). */
export function findService(state: SimState, ref: string): SimService | undefined {
  const [ns, name] = ref.includes('/') ? [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)] : ['default', ref];
  return state.services.find((s) => s.namespace === ns && s.name === name);
}

/**
 * Backends of one Service port, as kube-proxy builds them from slices: keyed by port name and
 * protocol; a slice without that port, or with port 0, contributes nothing (§C.4).
 */
export function backendsFor(slices: readonly SimEndpointSlice[], svc: SimService, sp: SimServicePort): Backend[] {
  const seen = new Set<string>();
  const out: Backend[] = [];
  for (const s of slicesOf(slices, serviceKey(svc))) {
    const p = s.ports.find((q) => q.name === sp.name && q.protocol === sp.protocol);
    if (!p || !p.port) continue;
    for (const e of s.endpoints) {
      const id = `${e.ip}:${p.port}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ pod: e.pod, node: e.node, ip: e.ip, port: p.port, ready: e.ready, serving: e.serving, terminating: e.terminating });
    }
  }
  return out;
}

/** Ready endpoints; when there are none, serving-and-terminating ones (`CategorizeEndpoints`). */
export function usable(backends: readonly Backend[], node?: string): Backend[] {
  const scope = node === undefined ? backends : backends.filter((b) => b.node === node);
  const ready = scope.filter((b) => b.ready);
  return ready.length ? ready : scope.filter((b) => b.serving && b.terminating);
}

export function externallyAccessible(svc: SimService, sp: SimServicePort): boolean {
  return sp.nodePort !== null || svc.externalIPs.length > 0 || (svc.loadBalancerIP !== null && svc.loadBalancerIPMode === 'VIP');
}

/** Whether kube-proxy handles the Service at all (`ShouldSkipService`). */
export function proxied(svc: SimService): boolean {
  return svc.type !== 'ExternalName' && svc.clusterIP !== null;
}

// ---------------------------------------------------------------- chain names

/** `ns/name:port` (`ns/name` for an unnamed port), as kube-proxy's ServicePortName prints. */
export function servicePortName(svc: SimService, sp: SimServicePort): string {
  return `${svc.namespace}/${svc.name}${sp.name ? ':' + sp.name : ''}`;
}

/** First 16 characters of base32(sha256(name + protocol)) (`portProtoHash`). */
export function portProtoHash(name: string, protocol: string): string {
  return base32(sha256(name + protocol.toLowerCase())).slice(0, 16);
}

export function chainNames(svc: SimService, sp: SimServicePort): { svc: string; svl: string; ext: string; fw: string } {
  const h = portProtoHash(servicePortName(svc, sp), sp.protocol);
  return { svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` };
}

/** `KUBE-SEP-` + hash of the service port name, protocol and `ip:port` (`servicePortEndpointChainName`). */
export function endpointChainName(svc: SimService, sp: SimServicePort, b: { ip: string; port: number }): string {
  return 'KUBE-SEP-' + base32(sha256(servicePortName(svc, sp) + sp.protocol.toLowerCase() + `${b.ip}:${b.port}`)).slice(0, 16);
}

/** `1/(n-i)` printed as Go's `%0.10f`. */
export function probability(n: number, i: number): string {
  return (1 / (n - i)).toFixed(10);
}

function comment(text: string): string {
  return /[\s"]/.test(text) ? `"${text.replace(/"/g, '\\"')}"` : text;
}

// ---------------------------------------------------------------- iptables

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/**
 * The iptables rules kube-proxy writes for one Service as seen on `node` (local endpoints and
 * policies depend on the node), in `iptables-save` form. Undefined when the Service is unknown;
 * a comment-only text when kube-proxy skips it (headless, ExternalName).
 */
export function iptablesSave(state: SimState, svcRef: string, node?: string): string | undefined {
  const svc = findService(state, svcRef);
  if (!svc) return undefined;
  const here = node ?? state.nodes[0]?.name ?? 'node-1';
  if (!proxied(svc)) {
    return `# ${serviceKey(svc)} is ${svc.type === 'ExternalName' ? 'an ExternalName Service' : 'headless'}: kube-proxy writes no rules for it (DNS answers instead).\n`;
  }
  const filter: string[] = [];
  const nat: string[] = [];
  const natChains = new Set<string>(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-MARK-MASQ', 'KUBE-POSTROUTING']);
  const filterChains = new Set<string>(['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-FORWARD', 'KUBE-PROXY-FIREWALL']);
  const svcRules: string[] = [];
  const nodePortRules: string[] = [];
  const chainRules: string[] = [];
  for (const sp of svc.ports) {
    const proto = sp.protocol.toLowerCase();
    const name = servicePortName(svc, sp);
    const c = chainNames(svc, sp);
    const all = backendsFor(state.slices, svc, sp);
    const cluster = usable(all);
    const local = usable(all, here);
    const ext = externallyAccessible(svc, sp);
    const usesLocal = svc.internalTrafficPolicy === 'Local' || (svc.externalTrafficPolicy === 'Local' && ext);
    const usesCluster = svc.internalTrafficPolicy !== 'Local' || ext;
    const internalChain = svc.internalTrafficPolicy === 'Local' ? c.svl : c.svc;
    const internalEps = svc.internalTrafficPolicy === 'Local' ? local : cluster;
    const externalEps = svc.externalTrafficPolicy === 'Local' ? local : cluster;
    const anyEps = cluster.length > 0;
    const match = `-m ${proto} -p ${proto}`;
    // 1. ClusterIP
    if (internalEps.length) {
      svcRules.push(`-A KUBE-SERVICES -m comment --comment ${comment(`${name} cluster IP`)} ${match} -d ${svc.clusterIP}/32 --dport ${sp.port} -j ${internalChain}`);
    } else {
      const verdict = anyEps ? 'DROP' : 'REJECT';
      const why = anyEps ? 'has no local endpoints' : 'has no endpoints';
      filter.push(`-A KUBE-SERVICES -m comment --comment ${comment(`${name} ${why}`)} ${match} -d ${svc.clusterIP}/32 --dport ${sp.port} -j ${verdict}`);
    }
    const extTarget = externalEps.length || (svc.externalTrafficPolicy === 'Local' && anyEps) ? c.ext : undefined;
    const extVerdict = anyEps ? 'DROP' : 'REJECT';
    const extWhy = anyEps ? 'has no local endpoints' : 'has no endpoints';
    // 2. externalIPs
    for (const ip of svc.externalIPs) {
      if (extTarget && anyEps) svcRules.push(`-A KUBE-SERVICES -m comment --comment ${comment(`${name} external IP`)} ${match} -d ${ip}/32 --dport ${sp.port} -j ${c.ext}`);
      if (!externalEps.length) filter.push(`-A KUBE-EXTERNAL-SERVICES -m comment --comment ${comment(`${name} ${extWhy}`)} ${match} -d ${ip}/32 --dport ${sp.port} -j ${extVerdict}`);
    }
    // 3. LoadBalancer VIPs (ipMode Proxy IPs are not captured)
    if (svc.loadBalancerIP && svc.loadBalancerIPMode === 'VIP') {
      if (anyEps) svcRules.push(`-A KUBE-SERVICES -m comment --comment ${comment(`${name} loadbalancer IP`)} ${match} -d ${svc.loadBalancerIP}/32 --dport ${sp.port} -j ${c.ext}`);
      if (!externalEps.length) filter.push(`-A KUBE-EXTERNAL-SERVICES -m comment --comment ${comment(`${name} ${extWhy}`)} ${match} -d ${svc.loadBalancerIP}/32 --dport ${sp.port} -j ${extVerdict}`);
    }
    // 4. nodePort
    if (sp.nodePort !== null) {
      if (anyEps) nodePortRules.push(`-A KUBE-NODEPORTS -m comment --comment ${comment(name)} ${match} --dport ${sp.nodePort} -j ${c.ext}`);
      if (!externalEps.length) filter.push(`-A KUBE-EXTERNAL-SERVICES -m comment --comment ${comment(`${name} ${extWhy}`)} -m addrtype --dst-type LOCAL ${match} --dport ${sp.nodePort} -j ${extVerdict}`);
    }
    // 5. healthCheckNodePort
    if (svc.healthCheckNodePort !== null && sp === svc.ports[0]) {
      filter.push(`-A KUBE-NODEPORTS -m comment --comment ${comment(`${serviceKey(svc)} health check node port`)} -m tcp -p tcp --dport ${svc.healthCheckNodePort} -j ACCEPT`);
    }
    if (!anyEps) continue;
    // 7. EXT chain
    if (ext) {
      natChains.add(c.ext);
      if (svc.externalTrafficPolicy === 'Cluster') {
        chainRules.push(`-A ${c.ext} -m comment --comment ${comment(`masquerade traffic for ${name} external destinations`)} -j KUBE-MARK-MASQ`);
        chainRules.push(`-A ${c.ext} -j ${c.svc}`);
      } else {
        chainRules.push(`-A ${c.ext} -m comment --comment ${comment(`pod traffic for ${name} external destinations`)} -s ${CLUSTER_CIDR} -j ${c.svc}`);
        chainRules.push(`-A ${c.ext} -m comment --comment ${comment(`masquerade LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
        chainRules.push(`-A ${c.ext} -m comment --comment ${comment(`route LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL -j ${c.svc}`);
        if (local.length) chainRules.push(`-A ${c.ext} -j ${c.svl}`);
      }
    }
    // 9./10. SVC, SVL and SEP chains
    const writeLb = (chain: string, eps: readonly { ip: string; port: number }[], masqOffCluster: boolean) => {
      natChains.add(chain);
      if (masqOffCluster) chainRules.push(`-A ${chain} -m comment --comment ${comment(`${name} cluster IP`)} ${match} -d ${svc.clusterIP}/32 --dport ${sp.port} ! -s ${CLUSTER_CIDR} -j KUBE-MARK-MASQ`);
      if (svc.sessionAffinity === 'ClientIP') {
        for (const e of eps) {
          const sep = endpointChainName(svc, sp, e);
          chainRules.push(`-A ${chain} -m comment --comment ${comment(`${name} -> ${hostPort(e.ip, e.port)}`)} -m recent --name ${sep} --rcheck --seconds ${svc.sessionAffinityTimeout} --reap -j ${sep}`);
        }
      }
      eps.forEach((e, i) => {
        const sep = endpointChainName(svc, sp, e);
        const stat = i < eps.length - 1 ? ` -m statistic --mode random --probability ${probability(eps.length, i)}` : '';
        chainRules.push(`-A ${chain} -m comment --comment ${comment(`${name} -> ${hostPort(e.ip, e.port)}`)}${stat} -j ${sep}`);
      });
    };
    if (usesCluster) writeLb(c.svc, cluster, true);
    if (usesLocal && local.length) writeLb(c.svl, local, svc.internalTrafficPolicy === 'Local');
    const seps = new Map<string, { ip: string; port: number }>();
    for (const e of [...(usesCluster ? cluster : []), ...(usesLocal ? local : [])]) seps.set(endpointChainName(svc, sp, e), e);
    for (const [sep, e] of seps) {
      natChains.add(sep);
      chainRules.push(`-A ${sep} -m comment --comment ${comment(name)} -s ${e.ip}/32 -j KUBE-MARK-MASQ`);
      const aff = svc.sessionAffinity === 'ClientIP' ? ` -m recent --name ${sep} --set` : '';
      chainRules.push(`-A ${sep} -m comment --comment ${comment(name)}${aff} ${match} -j DNAT --to-destination ${hostPort(e.ip, e.port)}`);
    }
  }
  nat.push(...nodePortRules, ...svcRules);
  nat.push(`-A KUBE-SERVICES -m comment --comment ${comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`);
  nat.push(`-A KUBE-MARK-MASQ -j MARK --or-mark ${MASQ_MARK}`);
  nat.push(`-A KUBE-POSTROUTING -m mark ! --mark ${MASQ_MARK}/${MASQ_MARK} -j RETURN`);
  nat.push(`-A KUBE-POSTROUTING -j MARK --xor-mark ${MASQ_MARK}`);
  nat.push(`-A KUBE-POSTROUTING -m comment --comment ${comment('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`);
  nat.push(...chainRules);
  const head = `# Rules kube-proxy (iptables mode) writes for Service ${serviceKey(svc)}, as seen on ${here}.`;
  return [
    head,
    '*filter',
    ...[...filterChains].map((ch) => `:${ch} - [0:0]`),
    ...filter,
    'COMMIT',
    '*nat',
    ...[...natChains].map((ch) => `:${ch} - [0:0]`),
    ...nat,
    'COMMIT',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- nftables

/** The `kube-proxy` nftables table content for one Service (nftables mode, §D.12), as `nft list table` prints it. */
export function nftables(state: SimState, svcRef: string, node?: string): string | undefined {
  const svc = findService(state, svcRef);
  if (!svc) return undefined;
  const here = node ?? state.nodes[0]?.name ?? 'node-1';
  if (!proxied(svc)) {
    return `# ${serviceKey(svc)} is ${svc.type === 'ExternalName' ? 'an ExternalName Service' : 'headless'}: kube-proxy writes no rules for it (DNS answers instead).\n`;
  }
  const fam = svc.clusterIP!.includes(':') ? 'ip6' : 'ip';
  const elements: { map: string; line: string }[] = [];
  const chains: string[] = [];
  for (const sp of svc.ports) {
    const proto = sp.protocol.toLowerCase();
    const base = `${portProtoHash(servicePortName(svc, sp), sp.protocol).slice(0, 8)}-${svc.namespace}/${svc.name}/${proto}/${sp.name}`;
    const svcChain = `service-${base}`;
    const extChain = `external-${base}`;
    const all = backendsFor(state.slices, svc, sp);
    const cluster = usable(all);
    const local = usable(all, here);
    const internal = svc.internalTrafficPolicy === 'Local' ? local : cluster;
    const external = svc.externalTrafficPolicy === 'Local' ? local : cluster;
    const anyEps = cluster.length > 0;
    const key = (ip: string, port: number) => `${ip} . ${proto} . ${port}`;
    if (internal.length) elements.push({ map: 'service-ips', line: `${key(svc.clusterIP!, sp.port)} : goto ${svcChain}` });
    else elements.push({ map: 'no-endpoint-services', line: `${key(svc.clusterIP!, sp.port)} comment "${servicePortName(svc, sp)}" : ${anyEps ? 'drop' : 'goto reject-chain'}` });
    const extIPs = [...svc.externalIPs, ...(svc.loadBalancerIP && svc.loadBalancerIPMode === 'VIP' ? [svc.loadBalancerIP] : [])];
    for (const ip of extIPs) {
      if (external.length) elements.push({ map: 'service-ips', line: `${key(ip, sp.port)} : goto ${extChain}` });
      else elements.push({ map: 'no-endpoint-services', line: `${key(ip, sp.port)} comment "${servicePortName(svc, sp)}" : ${anyEps ? 'drop' : 'goto reject-chain'}` });
    }
    if (sp.nodePort !== null) {
      if (external.length) elements.push({ map: 'service-nodeports', line: `${proto} . ${sp.nodePort} : goto ${extChain}` });
      else elements.push({ map: 'no-endpoint-nodeports', line: `${proto} . ${sp.nodePort} comment "${servicePortName(svc, sp)}" : ${anyEps ? 'drop' : 'goto reject-chain'}` });
    }
    if (!anyEps) continue;
    const epChain = (e: Backend) => `endpoint-${base32(sha256(servicePortName(svc, sp) + proto + `${e.ip}:${e.port}`)).slice(0, 8)}-${svc.namespace}/${svc.name}/${proto}/${sp.name}__${e.ip}/${e.port}`;
    if (extIPs.length || sp.nodePort !== null) {
      const rules =
        svc.externalTrafficPolicy === 'Cluster'
          ? ['jump mark-for-masquerade', `goto ${svcChain}`]
          : [`${fam} saddr ${CLUSTER_CIDR} goto ${svcChain}`, `fib saddr type local jump mark-for-masquerade`, `fib saddr type local goto ${svcChain}`, ...(local.length ? [`goto local-${base}`] : [])];
      chains.push(`\tchain ${extChain} {\n${rules.map((r) => `\t\t${r}`).join('\n')}\n\t}`);
    }
    const lb = (name: string, eps: readonly Backend[]) => {
      const rules = [`${fam} daddr ${svc.clusterIP} ${proto} dport ${sp.port} ${fam} saddr != ${CLUSTER_CIDR} jump mark-for-masquerade`];
      if (svc.sessionAffinity === 'ClientIP') for (const e of eps) rules.push(`${fam} saddr @affinity-${epChain(e).slice(9, 17)} goto ${epChain(e)}`);
      rules.push(`numgen random mod ${eps.length} vmap { ${eps.map((e, i) => `${i} : goto ${epChain(e)}`).join(' , ')} }`);
      chains.push(`\tchain ${name} {\n${rules.map((r) => `\t\t${r}`).join('\n')}\n\t}`);
    };
    if (svc.internalTrafficPolicy !== 'Local' || extIPs.length || sp.nodePort !== null) lb(svcChain, cluster);
    if (local.length && (svc.internalTrafficPolicy === 'Local' || svc.externalTrafficPolicy === 'Local')) lb(svc.internalTrafficPolicy === 'Local' ? svcChain : `local-${base}`, local);
    const seen = new Set<string>();
    for (const e of [...cluster, ...local]) {
      const ch = epChain(e);
      if (seen.has(ch)) continue;
      seen.add(ch);
      const aff = svc.sessionAffinity === 'ClientIP' ? [`update @affinity-${ch.slice(9, 17)} { ${fam} saddr }`] : [];
      const rules = [`${fam} saddr ${e.ip} jump mark-for-masquerade`, ...aff, `meta l4proto ${proto} dnat to ${hostPort(e.ip, e.port)}`];
      chains.push(`\tchain ${ch} {\n${rules.map((r) => `\t\t${r}`).join('\n')}\n\t}`);
    }
  }
  const maps = ['service-ips', 'service-nodeports', 'no-endpoint-services', 'no-endpoint-nodeports']
    .map((m) => {
      const els = elements.filter((e) => e.map === m).map((e) => e.line);
      if (!els.length) return undefined;
      return `\tmap ${m} {\n\t\telements = { ${els.join(',\n\t\t\t     ')} }\n\t}`;
    })
    .filter((x): x is string => !!x);
  return [`# Rules kube-proxy (nftables mode) writes for Service ${serviceKey(svc)}, as seen on ${here}.`, `table ${fam} kube-proxy {`, ...maps, ...chains, '}', ''].join('\n');
}
