// Learning hovers: finds the key or value under a position, looks it up in the knowledge base
// (fieldDocs.ts) and adds what it means in this manifest, computed from the scope.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Node as YNode, Pair } from 'yaml';
import type { Path, Settings, Span } from './model';
import { withDefaults } from './model';
import type { K8sObject } from './parse';
import { fieldPath, valueAt } from './parse';
import type { PodSource, Scope } from './scope';
import type { ContainerInfo, Json, ServicePortInfo } from './k8s';
import { WORKLOADS, closest, isHeadless, isRecord, rec, resolveTargetPort, selectorMatches, serviceDnsName, servicePorts, serviceSelector, serviceType } from './k8s';
import type { FieldDoc } from './fieldDocs';
import { FIELD_DOCS, docPath, fieldDoc } from './fieldDocs';
import { mdCode } from './markdown';

/** A hover: untrusted Markdown and the source range it describes (absolute offsets). */
export interface Hover {
  readonly markdown: string;
  readonly range: Span;
}

/** What is under the cursor. */
interface Hit {
  readonly obj: K8sObject;
  /** Path relative to the object. */
  readonly path: Path;
  readonly target: 'key' | 'value';
  readonly range: Span;
  /** The scalar under the cursor, when hovering a value. */
  readonly value?: string;
}

/** Most lines of one list in the live part, so a hover stays readable on big scopes. */
const MAX_LINES = 8;

function spanOf(obj: K8sObject, node: unknown): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!r) return undefined;
  return { start: obj.document.offset + r[0], end: obj.document.offset + r[1] };
}

function within(s: Span | undefined, offset: number, endInclusive: boolean): boolean {
  return !!s && offset >= s.start && (endInclusive ? offset <= s.end : offset < s.end);
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return v === null ? 'null' : typeof v === 'object' ? undefined : String(v);
}

/** Walks an object's YAML from its root to the key or scalar containing `offset`. */
function hitIn(obj: K8sObject, offset: number): Hit | undefined {
  let node: unknown = obj.node;
  const path: (string | number)[] = [];
  for (let depth = 0; depth < 64; depth++) {
    let next: unknown;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const ks = spanOf(obj, pair.key);
        if (within(ks, offset, true)) return { obj, path: [...path, key], target: 'key', range: ks! };
        const v = pair.value as YNode | null;
        if (!v) continue;
        const vs = spanOf(obj, v);
        if (isScalar(v) || isAlias(v)) {
          if (within(vs, offset, true)) return { obj, path: [...path, key], target: 'value', range: vs!, value: scalarText(v) };
        } else if (within(vs, offset, false)) {
          path.push(key);
          next = v;
          break;
        }
      }
    } else if (isSeq(node)) {
      const items = node.items as (YNode | null)[];
      for (let i = 0; i < items.length; i++) {
        const v = items[i];
        const vs = spanOf(obj, v);
        if (isScalar(v) || isAlias(v)) {
          if (within(vs, offset, true)) return { obj, path: [...path, i], target: 'value', range: vs!, value: scalarText(v) };
        } else if (within(vs, offset, false)) {
          path.push(i);
          next = v;
          break;
        }
      }
    }
    if (next === undefined) return undefined;
    node = next;
  }
  return undefined;
}

function findHit(scope: Scope, file: string, offset: number): Hit | undefined {
  let best: { obj: K8sObject; size: number } | undefined;
  for (const obj of scope.objects) {
    if (obj.file !== file) continue;
    const s = spanOf(obj, obj.node);
    if (!s || offset < s.start || offset > s.end) continue;
    const size = s.end - s.start;
    if (!best || size < best.size) best = { obj, size };
  }
  return best ? hitIn(best.obj, offset) : undefined;
}

/** A knowledge-base match: the key used, the entry, and whether it is a value entry. */
interface DocMatch {
  readonly key: string;
  readonly doc: FieldDoc;
  readonly isValue: boolean;
}

/** Lookup keys for a path of an object of `kind`, most specific first. */
function candidateKeys(kind: string, path: Path): string[] {
  const out = [`${kind}:${docPath(path)}`];
  const w = WORKLOADS[kind];
  if (w) {
    if (kind !== 'Pod') out.push(`Workload:${docPath(path)}`);
    const t = w.template;
    if (path.length >= t.length && t.every((seg, i) => path[i] === seg)) out.push(`PodTemplate:${docPath(path.slice(t.length))}`);
  }
  return out;
}

function lookup(kind: string, path: Path, value: string | undefined): DocMatch | undefined {
  const tries: Path[] = [path];
  // `externalIPs[0]` falls back to `externalIPs`; a label key falls back to its map (checked below).
  if (typeof path[path.length - 1] === 'number') tries.push(path.slice(0, -1));
  for (const p of tries) {
    for (const key of candidateKeys(kind, p)) {
      if (value !== undefined && p === path) {
        const vd = fieldDoc(`${key}=${value}`);
        if (vd) return { key: `${key}=${value}`, doc: vd, isValue: true };
      }
      const d = fieldDoc(key);
      if (d) return { key, doc: d, isValue: false };
    }
  }
  if (path.length > 1) {
    for (const key of candidateKeys(kind, path.slice(0, -1))) {
      const d = fieldDoc(key);
      if (d?.map) return { key, doc: d, isValue: false };
    }
  }
  return undefined;
}

// ---- live facts -----------------------------------------------------------------------------

function podLabel(src: PodSource, withNs = false): string {
  const ns = withNs ? ` in namespace ${mdCode(src.template.namespace)}` : '';
  return `${src.template.kind} ${mdCode(src.template.name)}${ns}`;
}

function svcLabel(svc: K8sObject): string {
  return `Service ${mdCode(svc.ref.name)}`;
}

function portLabel(sp: ServicePortInfo): string {
  const name = sp.name ? ` (${mdCode(sp.name)})` : '';
  return `port ${sp.port ?? '?'}/${mdCode(sp.protocol)}${name}`;
}

function capped(lines: string[], what: string): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more ${what}`];
}

/** Why a selector does not match some labels: the first missing or different key. */
function mismatch(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): string {
  for (const [k, v] of Object.entries(selector)) {
    if (!Object.prototype.hasOwnProperty.call(labels, k)) return `has no label ${mdCode(k)}`;
    if (labels[k] !== v) return `has ${mdCode(`${k}: ${labels[k]}`)}, the selector wants ${mdCode(`${k}: ${v}`)}`;
  }
  return 'does not match';
}

function selectionLines(scope: Scope, svc: K8sObject): string[] {
  if (serviceType(svc.value) === 'ExternalName') return ['This is an `ExternalName` Service: the selector is ignored and no pods receive its traffic.'];
  const sel = serviceSelector(svc.value);
  if (!sel || Object.keys(sel).length === 0) {
    return ['No selector: Kubernetes creates no endpoints for this Service. Traffic only flows to EndpointSlices you create yourself (labelled `kubernetes.io/service-name`).'];
  }
  const ns = svc.ref.namespace;
  const matched = scope.podsForService(svc);
  const lines: string[] = [];
  if (matched.length === 0) lines.push(`Selects **no** pod template among the files checked together (namespace ${mdCode(ns)}).`);
  for (const src of matched) {
    const n = src.template.replicas;
    const count = n === undefined ? 'one pod per node' : `${n} pod${n === 1 ? '' : 's'}`;
    lines.push(`Selects the pods of ${podLabel(src)} (${count}).`);
  }
  // Only the first few reasons are rendered; the rest are counted (big scopes stay fast).
  const others: string[] = [];
  let more = 0;
  const matchedSet = new Set(matched);
  for (const src of scope.podSourcesIn(ns)) {
    if (matchedSet.has(src)) continue;
    if (others.length < MAX_LINES) others.push(`Not ${podLabel(src)}: its pod template ${mismatch(sel, src.template.labels)}.`);
    else more++;
  }
  for (const src of scope.podSources) {
    if (src.template.namespace === ns || !selectorMatches(sel, src.template.labels)) continue;
    if (others.length < MAX_LINES) others.push(`Not ${podLabel(src, true)}: the labels match, but a Service only selects pods in its own namespace (${mdCode(ns)}).`);
    else more++;
  }
  if (more > 0) others.push(`… and ${more} more workloads not selected`);
  return [...capped(lines, 'workloads'), ...others];
}

/** Where one Service port lands on each selected workload. */
function landingLines(scope: Scope, svc: K8sObject, sp: ServicePortInfo): string[] {
  if (serviceType(svc.value) === 'ExternalName') return [];
  const tp = sp.targetPort;
  const tpText = tp === undefined ? '?' : typeof tp === 'number' ? String(tp) : `name ${mdCode(tp)}`;
  const pods = scope.podsForService(svc);
  const written = sp.targetPortWritten ? '' : ' (targetPort not written: same as port)';
  if (pods.length === 0) {
    return [`${portLabel(sp)} forwards to target port ${tpText}${written}, but no pod template in the files checked together is selected.`];
  }
  const lines: string[] = [];
  for (const src of pods) {
    const r = resolveTargetPort(src.template.containers, tp, sp.protocol);
    if (!r) {
      lines.push(
        `${podLabel(src)}: no selected container declares a ${mdCode(sp.protocol)} port named ${mdCode(String(tp))}, so these pods get **no traffic** on ${portLabel(sp)}.`,
      );
    } else if (r.container) {
      const cpName = r.containerPort?.name ? ` (${mdCode(r.containerPort.name)})` : '';
      lines.push(`${podLabel(src)}: lands on container ${mdCode(r.container.name)}, port ${r.port}${cpName}.`);
    } else {
      lines.push(`${podLabel(src)}: forwards to port ${r.port}${written}; no container declares it (fine only if the process listens on ${r.port}).`);
    }
  }
  return capped(lines, 'workloads');
}

/** `pod:8080`, or `pod:<http>` when a named port resolves differently per workload. */
function podHop(scope: Scope, svc: K8sObject, sp: ServicePortInfo): string {
  const tp = sp.targetPort;
  if (typeof tp === 'number') return `pod:${tp}`;
  if (typeof tp !== 'string') return 'pod:?';
  const nums = new Set<number>();
  for (const src of scope.podsForService(svc)) {
    const r = resolveTargetPort(src.template.containers, tp, sp.protocol);
    if (r) nums.add(r.port);
  }
  return nums.size === 1 ? `pod:${[...nums][0]}` : `pod:<${tp}>`;
}

function clusterIpOf(svc: K8sObject): string {
  const ip = rec(svc.value['spec'])['clusterIP'];
  return typeof ip === 'string' && ip !== '' && ip !== 'None' ? ip : '<cluster-ip>';
}

function chainLines(scope: Scope, svc: K8sObject, sp: ServicePortInfo, settings: Settings): string[] {
  const type = serviceType(svc.value);
  const spec = rec(svc.value['spec']);
  const port = sp.port ?? '?';
  if (type === 'ExternalName') return [];
  const pod = podHop(scope, svc, sp);
  const dns = `${serviceDnsName(svc.ref.name, svc.ref.namespace, settings.clusterDomain)}:${port}`;
  if (isHeadless(svc.value)) return [`Address chain: ${mdCode(`${dns} → ${pod}`)} (headless: DNS returns the pod IPs, no virtual IP).`];
  const cip = `${clusterIpOf(svc)}:${port}`;
  const lines = [`Inside the cluster: ${mdCode(`${dns} → ${cip} → ${pod}`)}`];
  const [lo, hi] = settings.nodePortRange;
  const np = sp.nodePort !== undefined ? String(sp.nodePort) : `<nodePort ${lo}-${hi}>`;
  if (type === 'NodePort') lines.push(`From outside: ${mdCode(`<node-ip>:${np} → ${cip} → ${pod}`)}`);
  if (type === 'LoadBalancer') {
    const viaNode = spec['allocateLoadBalancerNodePorts'] === false && sp.nodePort === undefined ? '' : ` → <node-ip>:${np}`;
    lines.push(`From outside: ${mdCode(`<load-balancer-ip>:${port}${viaNode} → ${cip} → ${pod}`)}`);
  }
  const ext = Array.isArray(spec['externalIPs']) ? spec['externalIPs'].filter((x): x is string => typeof x === 'string') : [];
  for (const ip of ext.slice(0, 3)) lines.push(`Via externalIPs: ${mdCode(`${ip}:${port} → ${cip} → ${pod}`)}`);
  return lines;
}

function dnsLines(svc: K8sObject, settings: Settings): string[] {
  const name = serviceDnsName(svc.ref.name, svc.ref.namespace, settings.clusterDomain);
  const spec = rec(svc.value['spec']);
  if (serviceType(svc.value) === 'ExternalName') {
    const target = typeof spec['externalName'] === 'string' ? spec['externalName'] : '?';
    return [`DNS: ${mdCode(name)} is a CNAME to ${mdCode(target)}.`];
  }
  const lines = [
    isHeadless(svc.value)
      ? `DNS: ${mdCode(name)} returns the IPs of the ready pods (headless: no cluster IP).`
      : `DNS: ${mdCode(name)} resolves to the cluster IP. From namespace ${mdCode(svc.ref.namespace)}, ${mdCode(svc.ref.name)} alone works.`,
  ];
  const named = servicePorts(svc.value).filter((p) => p.name);
  if (named.length > 0) {
    const p = named[0]!;
    lines.push(`SRV for named port ${mdCode(p.name!)}: ${mdCode(`_${p.name}._${p.protocol.toLowerCase()}.${name}`)}`);
  }
  return lines;
}

function serviceLive(scope: Scope, hit: Hit, settings: Settings): string[] {
  const svc = hit.obj;
  const p = hit.path;
  const head = p[0] === 'metadata' ? String(p[1] ?? '') : p[0] === 'spec' ? String(p[1] ?? '') : '';
  const ports = servicePorts(svc.value);
  if (p[0] === 'metadata' && (head === 'name' || head === 'namespace')) return dnsLines(svc, settings);
  if (p[0] === 'kind') return [...selectionLines(scope, svc), ...ports.flatMap((sp) => chainLines(scope, svc, sp, settings))];
  if (p[0] !== 'spec') return [];
  switch (head) {
    case 'selector':
      return selectionLines(scope, svc);
    case 'ports': {
      if (typeof p[2] !== 'number') return ports.flatMap((sp) => chainLines(scope, svc, sp, settings));
      const sp = ports[p[2]];
      if (!sp) return [];
      const field = p[3];
      if (field === 'nodePort' || field === 'port') return [...chainLines(scope, svc, sp, settings), ...landingLines(scope, svc, sp)];
      if (field === 'name') {
        const fromIngress = ingressesUsing(scope, svc, sp);
        return [...chainLines(scope, svc, sp, settings), ...fromIngress];
      }
      return [...landingLines(scope, svc, sp), ...chainLines(scope, svc, sp, settings)];
    }
    case 'type':
    case 'externalIPs':
    case 'allocateLoadBalancerNodePorts':
      return [...ports.flatMap((sp) => chainLines(scope, svc, sp, settings)), ...(serviceType(svc.value) === 'ExternalName' ? dnsLines(svc, settings) : [])];
    case 'clusterIP':
    case 'clusterIPs':
    case 'externalName':
      return [...dnsLines(svc, settings), ...ports.flatMap((sp) => chainLines(scope, svc, sp, settings))];
    case 'publishNotReadyAddresses':
    case 'sessionAffinity':
    case 'internalTrafficPolicy':
    case 'externalTrafficPolicy':
      return selectionLines(scope, svc);
    default:
      return [];
  }
}

/** Ingress paths in the scope that reach this Service port. */
function ingressesUsing(scope: Scope, svc: K8sObject, sp: ServicePortInfo): string[] {
  const out: string[] = [];
  for (const ing of scope.ingresses) {
    if (ing.ref.namespace !== svc.ref.namespace) continue;
    for (const b of ingressBackends(ing)) {
      const s = rec(b.backend['service']);
      if (s['name'] !== svc.ref.name) continue;
      const port = rec(s['port']);
      if (port['number'] === sp.port || (sp.name !== undefined && port['name'] === sp.name)) {
        out.push(`Used by Ingress ${mdCode(ing.ref.name)} for ${b.label}.`);
      }
    }
  }
  return capped(out, 'Ingress paths');
}

interface BackendRef {
  readonly backend: Json;
  readonly label: string;
}

function ingressBackends(ing: K8sObject): BackendRef[] {
  const spec = rec(ing.value['spec']);
  const out: BackendRef[] = [];
  if (isRecord(spec['defaultBackend'])) out.push({ backend: spec['defaultBackend'], label: 'the default backend' });
  const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
  for (const r of rules) {
    const host = typeof rec(r)['host'] === 'string' ? (rec(r)['host'] as string) : '*';
    const paths = rec(rec(r)['http'])['paths'];
    for (const p of Array.isArray(paths) ? paths : []) {
      const pr = rec(p);
      if (!isRecord(pr['backend'])) continue;
      const path = typeof pr['path'] === 'string' ? pr['path'] : '';
      out.push({ backend: pr['backend'], label: mdCode(`${host}${path}`) });
    }
  }
  return out;
}

/** Every backend of an Ingress as `host/path → service:port`, flagging Services not in the scope. */
function ingressSummary(scope: Scope, ing: K8sObject): string[] {
  const lines: string[] = [];
  for (const b of ingressBackends(ing)) {
    const s = rec(b.backend['service']);
    const port = rec(s['port']);
    const portText = typeof port['number'] === 'number' ? String(port['number']) : typeof port['name'] === 'string' ? port['name'] : '?';
    const name = typeof s['name'] === 'string' ? s['name'] : undefined;
    if (!name) {
      lines.push(`${b.label} → a resource backend`);
      continue;
    }
    const svc = scope.findService(ing.ref.namespace, name);
    let note = '';
    if (!svc) note = ' (Service not in the files checked)';
    else if (!servicePorts(svc.value).some((sp) => (typeof port['number'] === 'number' ? sp.port === port['number'] : sp.name !== undefined && sp.name === port['name']))) {
      note = ' (the Service has no such port)';
    }
    lines.push(`${b.label} → ${mdCode(`${name}:${portText}`)}${note}`);
  }
  return capped(lines, 'backends');
}

function ingressRuleHosts(ing: K8sObject): string[] {
  const rules = rec(ing.value['spec'])['rules'];
  return (Array.isArray(rules) ? rules : []).map((r) => rec(r)['host']).filter((h): h is string => typeof h === 'string');
}

/** Which Service and port an Ingress backend reaches, and where it lands. */
function backendLines(scope: Scope, ing: K8sObject, backend: Json, settings: Settings): string[] {
  const s = backend['service'];
  if (!isRecord(s)) {
    if (isRecord(backend['resource'])) return ['This backend is a resource, not a Service: the Ingress controller decides how to serve it.'];
    return [];
  }
  const name = typeof s['name'] === 'string' ? s['name'] : undefined;
  if (!name) return ['No Service name: the API server rejects this backend (`backend.service.name: Required value`).'];
  const ns = ing.ref.namespace;
  const svc = scope.findService(ns, name);
  if (!svc) {
    const names = scope.servicesIn(ns).map((x) => x.ref.name);
    const near = closest(name, names);
    const hint = near ? ` Did you mean ${mdCode(near)}?` : '';
    const elsewhere = scope.services.find((x) => x.ref.name === name && x.ref.namespace !== ns);
    const other = elsewhere ? ` A Service with this name exists in namespace ${mdCode(elsewhere.ref.namespace)}, but an Ingress only reaches Services in its own namespace.` : '';
    return [
      `No Service ${mdCode(name)} in namespace ${mdCode(ns)} among the files checked together. The API server accepts this, but requests to this path fail at the controller.${hint}${other}`,
    ];
  }
  const port = rec(s['port']);
  const ports = servicePorts(svc.value);
  let sp: ServicePortInfo | undefined;
  let asked = '';
  if (typeof port['number'] === 'number') {
    asked = `port ${port['number']}`;
    sp = ports.find((p) => p.port === port['number']);
  } else if (typeof port['name'] === 'string') {
    asked = `a port named ${mdCode(port['name'])}`;
    sp = ports.find((p) => p.name === port['name']);
  } else return [`Goes to ${svcLabel(svc)}, but no port is given.`];
  if (!sp) {
    const have = ports.map((p) => (p.name ? `${p.port} (${mdCode(p.name)})` : String(p.port))).join(', ') || 'none';
    return [`${svcLabel(svc)} has no ${asked} (its ports: ${have}), so requests here fail at the controller. Use the Service's \`port\`, not the container's.`];
  }
  return [`Goes to ${svcLabel(svc)} ${portLabel(sp)} (in this scope).`, ...chainLines(scope, svc, sp, settings).slice(0, 1), ...landingLines(scope, svc, sp)];
}

function ingressLive(scope: Scope, hit: Hit, settings: Settings): string[] {
  const ing = hit.obj;
  const p = hit.path;
  if (p[0] === 'kind' || (p[0] === 'spec' && (p.length === 1 || (p[1] === 'rules' && p.length === 2)))) return ingressSummary(scope, ing);
  if (p[0] !== 'spec') return [];
  if (p[1] === 'defaultBackend') return backendLines(scope, ing, rec(valueAt(ing.value, ['spec', 'defaultBackend'])), settings);
  if (p[1] === 'ingressClassName') {
    const cls = rec(ing.value['spec'])['ingressClassName'];
    if (typeof cls !== 'string') return [];
    const found = scope.ingressClasses.find((c) => c.ref.name === cls);
    if (!found) return [`IngressClass ${mdCode(cls)} is not among the files checked together (it may exist in the cluster: \`kubectl get ingressclass\`).`];
    const ctl = rec(found.value['spec'])['controller'];
    return [`IngressClass ${mdCode(cls)} is handled by controller ${mdCode(typeof ctl === 'string' ? ctl : '?')}.`];
  }
  if (p[1] === 'tls' && typeof p[2] === 'number' && p[3] === 'hosts') {
    const hosts = valueAt(ing.value, ['spec', 'tls', p[2], 'hosts']);
    const ruleHosts = new Set(ingressRuleHosts(ing));
    const lines: string[] = [];
    for (const h of Array.isArray(hosts) ? hosts : []) {
      if (typeof h !== 'string') continue;
      lines.push(ruleHosts.has(h) ? `${mdCode(h)} is served over HTTPS by a rule of this Ingress.` : `No rule of this Ingress has host ${mdCode(h)}: TLS hosts must match rule hosts exactly.`);
    }
    return capped(lines, 'hosts');
  }
  if (p[1] === 'rules' && typeof p[2] === 'number') {
    if (p[3] === 'http' && p[4] === 'paths' && typeof p[5] === 'number') {
      const item = rec(valueAt(ing.value, p.slice(0, 6)));
      const host = valueAt(ing.value, ['spec', 'rules', p[2], 'host']);
      const path = typeof item['path'] === 'string' ? item['path'] : '';
      const pt = typeof item['pathType'] === 'string' ? item['pathType'] : '?';
      const head = `Requests for ${mdCode(`${typeof host === 'string' ? host : '<any host>'}${path}`)} (${mdCode(pt)}):`;
      return [head, ...backendLines(scope, ing, rec(item['backend']), settings)];
    }
    // A rule or its host: summarize its paths.
    const paths = valueAt(ing.value, ['spec', 'rules', p[2], 'http', 'paths']);
    const lines: string[] = [];
    for (const item of Array.isArray(paths) ? paths : []) {
      const it = rec(item);
      const s = rec(rec(it['backend'])['service']);
      const port = rec(s['port']);
      const portText = typeof port['number'] === 'number' ? String(port['number']) : typeof port['name'] === 'string' ? port['name'] : '?';
      const exists = typeof s['name'] === 'string' && scope.findService(ing.ref.namespace, s['name']) ? '' : ' (Service not in the files checked)';
      lines.push(`${mdCode(String(it['path'] ?? ''))} → ${mdCode(`${String(s['name'] ?? '?')}:${portText}`)}${exists}`);
    }
    return capped(lines, 'paths');
  }
  return [];
}

/** The Services whose selector picks this pod template (same rule as `Scope.podsForService`). */
function selectingServices(scope: Scope, src: PodSource): K8sObject[] {
  return scope.servicesIn(src.template.namespace).filter((svc) => {
    if (serviceType(svc.value) === 'ExternalName') return false;
    const sel = serviceSelector(svc.value);
    return !!sel && selectorMatches(sel, src.template.labels);
  });
}

function workloadLive(scope: Scope, hit: Hit, settings: Settings): string[] {
  const obj = hit.obj;
  const src = scope.podSources.find((s) => s.object === obj);
  if (!src) return [];
  const t = src.template;
  const p = hit.path;
  const rel = p.length >= t.templatePath.length && t.templatePath.every((s, i) => p[i] === s) ? p.slice(t.templatePath.length) : undefined;
  const relStr = rel ? docPath(rel) : undefined;
  // Pod template labels: which Services select these pods.
  if (relStr !== undefined && relStr.startsWith('metadata.labels')) {
    const svcs = selectingServices(scope, src);
    const lines = svcs.map((svc) => `Selected by ${svcLabel(svc)}.`);
    if (svcs.length === 0) lines.push('No Service among the files checked together selects these pods.');
    const key = rel!.length === 3 ? String(rel![2]) : undefined;
    if (key !== undefined) {
      for (const svc of scope.servicesIn(t.namespace)) {
        const sel = serviceSelector(svc.value);
        if (!sel || !Object.prototype.hasOwnProperty.call(sel, key) || svcs.includes(svc)) continue;
        lines.push(
          sel[key] !== t.labels[key]
            ? `${svcLabel(svc)} selects ${mdCode(`${key}: ${sel[key]}`)}, not ${mdCode(`${key}: ${t.labels[key] ?? ''}`)}.`
            : `${svcLabel(svc)} also selects on ${mdCode(key)}, but the pod template ${mismatch(sel, t.labels)}.`,
        );
      }
    }
    for (const svc of scope.services) {
      if (svc.ref.namespace === t.namespace || serviceType(svc.value) === 'ExternalName') continue;
      const sel = serviceSelector(svc.value);
      if (sel && selectorMatches(sel, t.labels)) {
        lines.push(`${svcLabel(svc)} in namespace ${mdCode(svc.ref.namespace)} has a matching selector, but a Service only selects pods in its own namespace.`);
      }
    }
    return capped(lines, 'Services');
  }
  // A container port: which Services send traffic here.
  if (rel && (rel[1] === 'containers' || rel[1] === 'initContainers') && rel[3] === 'ports' && typeof rel[4] === 'number') {
    const portPath = p.slice(0, t.templatePath.length + 5);
    const lines: string[] = [];
    for (const svc of selectingServices(scope, src)) {
      for (const sp of servicePorts(svc.value)) {
        const r = resolveTargetPort(t.containers, sp.targetPort, sp.protocol);
        if (r?.containerPort && samePath(r.containerPort.path, portPath)) lines.push(`${svcLabel(svc)} ${portLabel(sp)} sends traffic here.`);
      }
    }
    if (lines.length === 0) lines.push('No Service among the files checked together targets this port.');
    return capped(lines, 'Service ports');
  }
  // Probes: what failing means here, and where a named port points.
  if (rel && (rel[1] === 'containers' || rel[1] === 'initContainers') && typeof rel[2] === 'number' && /Probe$/.test(String(rel[3] ?? ''))) {
    const c = t.containers.find((x) => samePath(x.path, p.slice(0, t.templatePath.length + 3)));
    const lines: string[] = [];
    if (rel[3] === 'readinessProbe') {
      const svcs = selectingServices(scope, src);
      if (svcs.length) lines.push(`While it fails, these pods are removed from: ${svcs.map((s) => mdCode(s.ref.name)).join(', ')}.`);
    }
    if ((rel[5] === 'port' || rel[4] === 'port') && c) lines.push(...probePortLine(c, valueAt(obj.value, p.slice(0, t.templatePath.length + 6))));
    return lines;
  }
  if (relStr === 'spec.subdomain' || relStr === 'spec.hostname') return subdomainLines(scope, src, settings);
  if (p[0] === 'spec' && p[1] === 'selector' && obj.ref.kind !== 'Pod') return controllerSelectorLines(obj, t.labels);
  if (p[0] === 'spec' && p[1] === 'replicas') {
    const svcs = selectingServices(scope, src);
    const count = t.replicas === undefined ? 'these pods' : `these ${t.replicas}`;
    return svcs.length
      ? [`${svcs.map(svcLabel).join(', ')} ${svcs.length === 1 ? 'spreads' : 'spread'} traffic over the ready pods among ${count}.`]
      : ['No Service among the files checked together selects these pods.'];
  }
  if (obj.ref.kind === 'StatefulSet' && p[0] === 'spec' && p[1] === 'serviceName') return statefulSetLines(scope, obj, settings);
  return [];
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function probePortLine(c: ContainerInfo, port: unknown): string[] {
  if (typeof port === 'number') {
    const d = c.ports.find((x) => x.containerPort === port);
    return [d ? `Checks port ${port}, declared by container ${mdCode(c.name)}.` : `Checks port ${port}; container ${mdCode(c.name)} does not declare it (fine if the process listens there).`];
  }
  if (typeof port === 'string') {
    const d = c.ports.find((x) => x.name === port);
    return [d ? `${mdCode(port)} is port ${d.containerPort ?? '?'} of container ${mdCode(c.name)}.` : `Container ${mdCode(c.name)} has no port named ${mdCode(port)}: the probe cannot run.`];
  }
  return [];
}

function controllerSelectorLines(obj: K8sObject, labels: Readonly<Record<string, string>>): string[] {
  const ml = valueAt(obj.value, ['spec', 'selector', 'matchLabels']);
  if (!isRecord(ml)) return [];
  const sel: Record<string, string> = {};
  for (const [k, v] of Object.entries(ml)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') sel[k] = String(v);
  if (Object.keys(sel).length === 0) return [];
  return selectorMatches(sel, labels)
    ? ['`matchLabels` matches the pod template labels.']
    : [`\`matchLabels\` does not match the pod template: the template ${mismatch(sel, labels)}. The API server rejects this (\`selector does not match template labels\`).`];
}

function subdomainLines(scope: Scope, src: PodSource, settings: Settings): string[] {
  const t = src.template;
  if (!t.subdomain) return [];
  const svc = scope.findService(t.namespace, t.subdomain);
  const host = t.hostname ?? (t.kind === 'Pod' ? t.name : '<pod-name>');
  const fqdn = `${host}.${t.subdomain}.${t.namespace}.svc.${settings.clusterDomain}`;
  if (!svc) return [`No Service ${mdCode(t.subdomain)} in namespace ${mdCode(t.namespace)} among the files checked together: ${mdCode(fqdn)} will not resolve without a headless Service of that name.`];
  if (!isHeadless(svc.value)) return [`${svcLabel(svc)} exists but is not headless (\`clusterIP: None\`), so ${mdCode(fqdn)} will not resolve.`];
  return [`DNS name: ${mdCode(fqdn)} (through headless ${svcLabel(svc)}).`];
}

function statefulSetLines(scope: Scope, sts: K8sObject, settings: Settings): string[] {
  const name = rec(sts.value['spec'])['serviceName'];
  if (typeof name !== 'string' || name === '') return [];
  const svc = scope.findService(sts.ref.namespace, name);
  const first = `${sts.ref.name}-0.${name}.${sts.ref.namespace}.svc.${settings.clusterDomain}`;
  if (!svc) return [`No Service ${mdCode(name)} in namespace ${mdCode(sts.ref.namespace)} among the files checked together: create a headless Service with this name, or ${mdCode(first)} will not resolve.`];
  if (!isHeadless(svc.value)) return [`${svcLabel(svc)} exists but is not headless (\`clusterIP: None\`): the per-pod names such as ${mdCode(first)} need a headless Service.`];
  return [`Pod DNS names: ${mdCode(first)}, ${mdCode(`${sts.ref.name}-1.${name}…`)} (through headless ${svcLabel(svc)}).`];
}

// ---- public API -----------------------------------------------------------------------------

function renderStatic(title: string, doc: FieldDoc): string {
  return `${title}\n\n${doc.explain}\n\n**Rule:** ${doc.rule}`;
}

/**
 * The learning hover at `offset` in `file` (a path of a file in the scope): the knowledge-base
 * entry for the key or value under the cursor plus what it means in this manifest. Undefined when
 * there is nothing to explain there. Never throws on user input.
 */
export function hoverAt(scope: Scope, file: string, offset: number, settings?: Partial<Settings>): Hover | undefined {
  const s = withDefaults(settings);
  const hit = findHit(scope, file, offset);
  if (!hit) return undefined;
  const kind = hit.obj.ref.kind;
  const match = lookup(kind, hit.path, hit.target === 'value' ? hit.value : undefined);
  if (!match) return undefined;
  const field = mdCode(fieldPath(hit.path));
  const title = match.isValue ? `**${kind}** ${field}: ${mdCode(hit.value ?? '')}` : `**${kind}** ${field}`;
  let live: string[] = [];
  try {
    if (kind === 'Service') live = serviceLive(scope, hit, s);
    else if (kind === 'Ingress') live = ingressLive(scope, hit, s);
    else if (WORKLOADS[kind]) live = workloadLive(scope, hit, s);
  } catch {
    // The live part is best effort on odd shapes; the static part is still worth showing.
    live = [];
  }
  const parts = [renderStatic(title, match.doc)];
  if (live.length) parts.push(`**In this manifest:**\n\n${live.map((l) => `- ${l}`).join('\n')}`);
  parts.push(`[Kubernetes documentation](${match.doc.link})`);
  return { markdown: parts.join('\n\n'), range: hit.range };
}

/** The static parts of an entry, for `service-lab explain`. */
export interface ExplainResult {
  /** The knowledge-base key that matched, e.g. `Service:spec.ports[*].targetPort`. */
  readonly key: string;
  readonly explain: string;
  readonly rule: string;
  readonly link: string;
  readonly markdown: string;
}

function normalizeDotted(path: string): string {
  return path.replace(/\[\d*\*?\]/g, '').replace(/^\.+|\.+$/g, '');
}

/**
 * The static explanation for `kind` and a dotted path such as `spec.ports.targetPort`,
 * `spec.ports[0].targetPort` or `spec.type=NodePort`. Workload kinds resolve pod-template fields
 * (`Deployment`, `spec.template.spec.containers.ports.name`).
 */
export function explainField(kind: string, dottedPath: string): ExplainResult | undefined {
  const eq = dottedPath.indexOf('=');
  const pathPart = normalizeDotted(eq >= 0 ? dottedPath.slice(0, eq) : dottedPath);
  const value = eq >= 0 ? dottedPath.slice(eq + 1) : undefined;
  const kinds = Object.keys(FIELD_DOCS).map((k) => k.slice(0, k.indexOf(':')));
  const realKind = [...new Set([...kinds, ...Object.keys(WORKLOADS)])].find((k) => k.toLowerCase() === kind.toLowerCase()) ?? kind;
  const prefixes = [realKind];
  const w = WORKLOADS[realKind];
  let rel = pathPart;
  if (w) {
    if (realKind !== 'Pod') prefixes.push('Workload');
    const t = w.template.join('.');
    if (t === '') prefixes.push('PodTemplate');
    else if (pathPart === t || pathPart.startsWith(t + '.')) rel = pathPart.slice(t.length + 1);
  }
  const wanted = (prefix: string, p: string) => `${prefix}:${p}${value !== undefined ? `=${value}` : ''}`;
  const candidates: string[] = prefixes.map((pre) => wanted(pre, pathPart));
  if (w && rel !== pathPart) candidates.push(wanted('PodTemplate', rel));
  for (const key of Object.keys(FIELD_DOCS)) {
    const colon = key.indexOf(':');
    const k = key.slice(0, colon);
    const rest = key.slice(colon + 1);
    const eqAt = rest.indexOf('=');
    const bare = normalizeDotted(eqAt >= 0 ? rest.slice(0, eqAt) : rest) + (eqAt >= 0 ? rest.slice(eqAt) : '');
    if (candidates.includes(`${k}:${bare}`)) {
      const doc = FIELD_DOCS[key]!;
      const title = `**${realKind}** ${mdCode(dottedPath)}`;
      return { key, explain: doc.explain, rule: doc.rule, link: doc.link, markdown: `${renderStatic(title, doc)}\n\n[Kubernetes documentation](${doc.link})` };
    }
  }
  return undefined;
}

/** Every `Kind.path` the knowledge base can explain (for the CLI's suggestions). */
export function explainableFields(): string[] {
  return Object.keys(FIELD_DOCS).map((k) => {
    const colon = k.indexOf(':');
    return `${k.slice(0, colon)}.${normalizeDotted(k.slice(colon + 1))}`;
  });
}
