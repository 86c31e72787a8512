// Cluster DNS records (KUBERNETES.md §C.7, §E.3) and the Service environment variables a pod gets (§E.4).
import { serviceDnsName } from '../k8s';
import { addressAt, formatIP, parseCIDR } from '../net';
import { endpointsOf } from './endpoints';
import type { DnsRecord, SimPod, SimService, SimState } from './types';

/** The DNS records of one Service. */
export function serviceDnsRecords(state: SimState, svc: SimService): DnsRecord[] {
  const zone = state.settings.clusterDomain;
  const fqdn = serviceDnsName(svc.name, svc.namespace, zone);
  const out: DnsRecord[] = [];
  const aType = (ip: string): 'A' | 'AAAA' => (ip.includes(':') ? 'AAAA' : 'A');
  if (svc.type === 'ExternalName') {
    if (svc.externalName) out.push({ name: fqdn, type: 'CNAME', data: svc.externalName });
    return out;
  }
  const named = svc.ports.filter((p) => p.name !== '');
  if (!svc.headless) {
    if (svc.clusterIP) {
      out.push({ name: fqdn, type: aType(svc.clusterIP), data: svc.clusterIP });
      for (const p of named) out.push({ name: `_${p.name}._${p.protocol.toLowerCase()}.${fqdn}`, type: 'SRV', data: `0 100 ${p.port} ${fqdn}` });
    }
    return out;
  }
  // Headless: one record per ready endpoint, plus per-endpoint names and SRV records (§C.7).
  const ready = endpointsOf(state.slices, `${svc.namespace}/${svc.name}`).filter((e) => e.ready);
  const seen = new Set<string>();
  for (const e of ready) {
    if (seen.has(e.ip)) continue;
    seen.add(e.ip);
    out.push({ name: fqdn, type: aType(e.ip), data: e.ip });
  }
  seen.clear();
  for (const e of ready) {
    if (seen.has(e.ip)) continue;
    seen.add(e.ip);
    const host = e.hostname ?? e.ip.replace(/[.:]/g, '-');
    const epName = `${host}.${fqdn}`;
    out.push({ name: epName, type: aType(e.ip), data: e.ip });
    for (const p of named) out.push({ name: `_${p.name}._${p.protocol.toLowerCase()}.${fqdn}`, type: 'SRV', data: `0 ${Math.floor(100 / ready.length)} ${p.port} ${epName}` });
  }
  return out;
}

/** Every DNS record of the cluster: Services, then the (deprecated) per-pod A records. */
export function dnsRecords(state: SimState): DnsRecord[] {
  const out: DnsRecord[] = [];
  for (const s of state.services) out.push(...serviceDnsRecords(state, s));
  for (const p of state.pods) {
    if (p.ip && !p.ip.includes(':')) out.push({ name: `${p.ip.replace(/\./g, '-')}.${p.namespace}.pod.${state.settings.clusterDomain}`, type: 'A', data: p.ip });
  }
  return out;
}

/** Looks a name up the way a pod's resolver would (search path `<ns>.svc.<zone>`, `svc.<zone>`, `<zone>`). */
export function resolveName(state: SimState, name: string, fromNamespace: string | undefined): { fqdn: string; records: DnsRecord[] } | undefined {
  const zone = state.settings.clusterDomain;
  const n = name.replace(/\.$/, '').toLowerCase();
  const candidates = n.endsWith(`.${zone}`) ? [n] : [...(fromNamespace ? [`${n}.${fromNamespace}.svc.${zone}`] : []), `${n}.svc.${zone}`, `${n}.${zone}`];
  for (const c of candidates) {
    const recs = lookup(state, c);
    if (recs.length) return { fqdn: c, records: recs };
  }
  return undefined;
}

function lookup(state: SimState, fqdn: string): DnsRecord[] {
  const zone = state.settings.clusterDomain;
  const m = fqdn.match(new RegExp(`^(?:([^.]+)\\.)?([^.]+)\\.([^.]+)\\.svc\\.${zone.replace(/\./g, '\\.')}$`));
  if (m) {
    const svc = state.services.find((s) => s.namespace === m[3] && s.name === m[2]);
    if (svc) return serviceDnsRecords(state, svc).filter((r) => r.name === fqdn && r.type !== 'SRV');
  }
  const pm = fqdn.match(new RegExp(`^(\\d+-\\d+-\\d+-\\d+)\\.([^.]+)\\.pod\\.${zone.replace(/\./g, '\\.')}$`));
  if (pm) {
    const ip = pm[1]!.replace(/-/g, '.');
    if (state.pods.some((p) => p.ip === ip && p.namespace === pm[2])) return [{ name: fqdn, type: 'A', data: ip }];
  }
  return [];
}

function envName(name: string): string {
  const up = name.toUpperCase().replace(/[-.]/g, '_');
  return /^[0-9]/.test(up) ? `_${up}` : up;
}

function serviceEnv(svc: { name: string; clusterIP: string; ports: readonly { name: string; port: number; protocol: string }[] }): [string, string][] {
  const out: [string, string][] = [];
  const n = envName(svc.name);
  const first = svc.ports[0];
  if (!first) return out;
  const host = svc.clusterIP;
  const url = (p: { port: number; protocol: string }) => `${p.protocol.toLowerCase()}://${host.includes(':') ? `[${host}]` : host}:${p.port}`;
  out.push([`${n}_SERVICE_HOST`, host], [`${n}_SERVICE_PORT`, String(first.port)]);
  for (const p of svc.ports) if (p.name) out.push([`${n}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  out.push([`${n}_PORT`, url(first)]);
  for (const p of svc.ports) {
    const pre = `${n}_PORT_${p.port}_${p.protocol.toUpperCase()}`;
    out.push([pre, url(p)], [`${pre}_PROTO`, p.protocol.toLowerCase()], [`${pre}_PORT`, String(p.port)], [`${pre}_ADDR`, host]);
  }
  return out;
}

/**
 * The Service environment variables the kubelet gives a pod's containers: the `kubernetes` Service,
 * plus Services with a ClusterIP in the pod's namespace that existed when the pod was created
 * (when `enableServiceLinks` is true). Sorted by name. Undefined for an unknown pod.
 */
export function envVarsFor(state: SimState, podRef: string): Record<string, string> | undefined {
  const [ns, name] = podRef.includes('/') ? [podRef.slice(0, podRef.indexOf('/')), podRef.slice(podRef.indexOf('/') + 1)] : ['default', podRef];
  const pod: SimPod | undefined = state.pods.find((p) => p.namespace === ns && p.name === name);
  if (!pod) return undefined;
  const vars: [string, string][] = [];
  const apiIP = kubernetesServiceIP(state);
  if (apiIP) vars.push(...serviceEnv({ name: 'kubernetes', clusterIP: apiIP, ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }));
  if (pod.enableServiceLinks) {
    for (const s of state.services) {
      if (s.namespace !== pod.namespace || !s.clusterIP || !existedBefore(s, pod)) continue;
      vars.push(...serviceEnv({ name: s.name, clusterIP: s.clusterIP, ports: s.ports }));
    }
  }
  const out: Record<string, string> = {};
  for (const [k, v] of vars.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[k] = v;
  return out;
}

/**
 * Whether a Service existed when the pod's containers started: by the manifest's creationTimestamps
 * when both carry one (a `kubectl get -o yaml` dump), else by the simulation's creation order.
 */
function existedBefore(svc: SimService, pod: SimPod): boolean {
  const a = svc.creationTimestamp ? Date.parse(svc.creationTimestamp) : NaN;
  const b = pod.creationTimestamp ? Date.parse(pod.creationTimestamp) : NaN;
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a <= b;
  return svc.createdAt < pod.createdAt;
}

/** The `kubernetes` Service's ClusterIP: the first address of the Service CIDR. */
export function kubernetesServiceIP(state: SimState): string | undefined {
  const cidr = parseCIDR(state.settings.serviceCIDR);
  return cidr ? formatIP(addressAt(cidr, 1n)) : undefined;
}
