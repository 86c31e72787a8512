// The pure view model of the Visualize diagram: from a Scope, its findings and the simulated
// cluster to elements (clients, Ingresses, Services, EndpointSlices, Nodes, Pods) and labelled edges.
// No DOM: unit-tested in Node. The renderer (diagram.ts) draws exactly what this returns.
import type { Finding, K8sObject, Scope, Settings, Span } from '../src/core/index';
import { isHeadless, isRecord, locate, resolveTargetPort, serviceDnsName, servicePorts, serviceSelector, serviceType } from '../src/core/index';
import type { ServicePortInfo } from '../src/core/index';
import type { ClusterActions, SimCluster, SimPod } from './cluster';
import { buildCluster, hash } from './cluster';

export type ElementKind = 'client' | 'ingress' | 'service' | 'slice' | 'node' | 'pod' | 'missing';
export type Health = 'ok' | 'info' | 'warning' | 'error';

export interface SourceRef {
  readonly path: string;
  readonly range: Span;
}

export interface ProblemView {
  readonly rule: string;
  readonly severity: Finding['severity'];
  readonly message: string;
}

export interface ViewElement {
  readonly id: string;
  readonly kind: ElementKind;
  readonly title: string;
  /** Detail lines shown under the title (already plain text; the renderer escapes them). */
  readonly lines: readonly string[];
  /** Pods: the Node element that contains them. */
  readonly parent?: string;
  /** Drawn faded: this pod gets no traffic from any Service. */
  readonly dimmed: boolean;
  /** Why the element is dimmed or unhealthy, in plain words. */
  readonly reasons: readonly string[];
  readonly problems: readonly ProblemView[];
  readonly health: Health;
  readonly source?: SourceRef;
  /** Screen-reader label. */
  readonly label: string;
}

export type EdgeKind = 'request' | 'route' | 'ports' | 'endpoint' | 'unmatched';

export interface ViewEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label: string;
}

export interface Notice {
  readonly severity: Health;
  readonly text: string;
  readonly source?: SourceRef;
}

/** A request the learner can send. */
export interface RequestTarget {
  readonly id: string;
  readonly client: 'client:external' | 'client:pod';
  readonly label: string;
}

export interface ServiceDetails {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly sliceYaml: string;
  readonly dns: readonly string[];
  readonly env: readonly string[];
  readonly iptables: readonly string[];
  readonly nftables: readonly string[];
}

export interface ViewModel {
  readonly state: 'ok' | 'empty' | 'yaml-error';
  readonly notices: readonly Notice[];
  readonly elements: readonly ViewElement[];
  readonly edges: readonly ViewEdge[];
  readonly targets: readonly RequestTarget[];
  readonly services: readonly ServiceDetails[];
  readonly events: readonly string[];
  readonly cluster: SimCluster;
  /** Object ranges, to map an editor cursor to elements. */
  readonly ranges: readonly { readonly path: string; readonly range: Span; readonly ids: readonly string[] }[];
}

export interface ViewOptions {
  readonly settings: Settings;
  readonly actions?: ClusterActions;
  readonly findings?: readonly Finding[];
}

const CLIENT_EXT = 'client:external';
const CLIENT_POD = 'client:pod';

export const svcId = (o: K8sObject): string => `svc:${o.ref.namespace}/${o.ref.name}`;
export const ingId = (o: K8sObject): string => `ing:${o.ref.namespace}/${o.ref.name}`;
export const sliceId = (o: K8sObject): string => `slice:${o.ref.namespace}/${o.ref.name}`;
export const podId = (p: SimPod): string => `pod:${p.namespace}/${p.name}`;
export const nodeId = (name: string): string => `node:${name}`;

function src(o: K8sObject, path: readonly (string | number)[] = []): SourceRef {
  const loc = locate(o, path);
  return { path: o.file, range: path.length === 0 ? objectSpan(o) : loc.span };
}

function objectSpan(o: K8sObject): Span {
  const r = o.node.range;
  const base = o.document.offset;
  return r ? { start: base + r[0], end: base + r[1] } : o.document.range;
}

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

function worst(problems: readonly ProblemView[], fallback: Health = 'ok'): Health {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  if (problems.some((p) => p.severity === 'warning')) return 'warning';
  if (fallback !== 'ok') return fallback;
  return problems.length ? 'info' : 'ok';
}

function portText(p: ServicePortInfo): string {
  return `${p.name ? p.name + ' ' : ''}${p.port ?? '?'}${p.protocol !== 'TCP' ? '/' + p.protocol : ''} → ${p.targetPort ?? '?'}`;
}

/** Where a Service port lands on one pod, or why it does not. */
function podPort(pod: SimPod, p: ServicePortInfo): { port?: number; reason?: string } {
  const r = resolveTargetPort(pod.source.template.containers, p.targetPort, p.protocol);
  if (r) return { port: r.port };
  return { reason: `named port "${String(p.targetPort)}" (${p.protocol}) missing in the pod` };
}

/** Deterministic simulated LoadBalancer address (documentation range; a cloud would assign it). */
function lbIP(o: K8sObject): string {
  return `203.0.113.${(hash(`${o.ref.namespace}/${o.ref.name}`) % 200) + 10}`;
}

/** Builds the view model. Never throws on user input. */
export function buildViewModel(scope: Scope, opts: ViewOptions): ViewModel {
  const { settings } = opts;
  const findings = opts.findings ?? [];
  const cluster = buildCluster(scope, settings.serviceCIDR, opts.actions);
  const elements = new Map<string, ViewElement>();
  const edges: ViewEdge[] = [];
  const notices: Notice[] = [];
  const targets: RequestTarget[] = [];
  const services: ServiceDetails[] = [];
  const ranges: { path: string; range: Span; ids: string[] }[] = [];
  const problemsFor = new Map<string, ProblemView[]>();
  const objectElements = new Map<string, string[]>(); // K8sObject.id -> element ids
  const podReasons = new Map<string, string[]>();
  const podServed = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind, label: string) => {
    const id = `${from}->${to}#${kind}`;
    if (!edges.some((e) => e.id === id)) edges.push({ id, from, to, kind, label });
  };
  const addReason = (pid: string, r: string) => {
    const list = podReasons.get(pid) ?? [];
    if (!list.includes(r)) list.push(r);
    podReasons.set(pid, list);
  };

  const yamlErrors = scope.files.flatMap((f) => f.findings.filter((x) => x.rule === 'yaml-syntax' || x.rule === 'yaml-alias-limit'));
  for (const e of yamlErrors.slice(0, 5)) notices.push({ severity: 'error', text: e.message, source: { path: e.file, range: e.range } });
  const relevant = scope.services.length + scope.ingresses.length + scope.podSources.length;
  if (relevant === 0) {
    if (yamlErrors.length === 0) {
      notices.push({
        severity: 'info',
        text: scope.objects.length
          ? 'This file has Kubernetes objects, but no Service, Ingress or workload to draw. Add a Service (kind: Service) that selects the pods of a Deployment to see where traffic goes.'
          : 'No Kubernetes objects here. Open a YAML file with a Service, an Ingress or a workload (Deployment, StatefulSet, Pod…), or pick a sample.',
      });
    }
    return { state: yamlErrors.length ? 'yaml-error' : 'empty', notices, elements: [], edges: [], targets: [], services: [], events: cluster.events, cluster, ranges };
  }

  // Problems from the diagnostics, attached to the element of the object they concern.
  const objByKey = new Map(scope.objects.map((o) => [`${o.ref.kind}/${o.ref.namespace}/${o.ref.name}`, o]));
  const findingTargets: { f: Finding; key: string }[] = [];
  for (const f of findings) {
    if (!f.object) continue;
    findingTargets.push({ f, key: `${f.object.kind}/${f.object.namespace}/${f.object.name}` });
  }

  // Clients.
  elements.set(CLIENT_EXT, el(CLIENT_EXT, 'client', 'Outside user', ['a browser or curl', 'outside the cluster'], 'A user outside the cluster'));
  elements.set(CLIENT_POD, el(CLIENT_POD, 'client', 'Another pod', ['a pod in the cluster', 'uses cluster DNS'], 'Another pod inside the cluster'));

  // Nodes and pods.
  for (const n of cluster.nodes) {
    elements.set(nodeId(n.name), el(nodeId(n.name), 'node', n.name, [`${n.ip}${n.ready ? '' : ' · NotReady'}`], `Node ${n.name}, ${n.ready ? 'Ready' : 'not ready'}`, { health: n.ready ? 'ok' : 'error', reasons: n.ready ? [] : ['node failed'] }));
  }

  // Services.
  const sortedServices = [...scope.services].sort((a, b) => cmp(svcId(a), svcId(b)));
  for (const svc of sortedServices) {
    const id = svcId(svc);
    const type = serviceType(svc.value);
    const spec = rec(svc.value['spec']);
    const ports = servicePorts(svc.value);
    const headless = isHeadless(svc.value);
    const clusterIP = cluster.clusterIPs.get(svc.id);
    const dnsName = serviceDnsName(svc.ref.name, svc.ref.namespace, settings.clusterDomain);
    const lines: string[] = [];
    const reasons: string[] = [];
    objectElements.set(svc.id, [id]);
    if (type === 'ExternalName') {
      const ext = typeof spec['externalName'] === 'string' ? spec['externalName'] : '(externalName missing)';
      lines.push('ExternalName · DNS alias only', `${dnsName}`, `CNAME → ${ext}`, 'no cluster IP, no proxying, no endpoints');
      elements.set(id, el(id, 'service', svc.ref.name, lines, `ExternalName Service ${svc.ref.name}: a DNS alias for ${ext}`, { source: src(svc) }));
      addEdge(CLIENT_POD, id, 'request', `DNS ${svc.ref.name}.${svc.ref.namespace} → CNAME ${ext}`);
      targets.push({ id: `${id}#dns`, client: CLIENT_POD, label: `${svc.ref.name}.${svc.ref.namespace} (DNS alias)` });
      services.push(details(svc, scope, cluster, settings, []));
      ranges.push({ path: svc.file, range: objectSpan(svc), ids: [id] });
      continue;
    }
    lines.push(`${type}${headless ? ' · headless' : ''} · ${headless ? 'no virtual IP' : (clusterIP ?? '?')}`);
    lines.push(dnsName);
    for (const p of ports) lines.push(`${portText(p)}${p.nodePort !== undefined || (type === 'NodePort' || type === 'LoadBalancer') ? ` · node :${p.nodePort ?? 'auto'}` : ''}`);
    if (ports.length === 0) lines.push('no ports');
    if (type === 'LoadBalancer') lines.push(`LB ${lbIP(svc)} (simulated)`);
    const selector = serviceSelector(svc.value);
    if (!selector || Object.keys(selector).length === 0) {
      reasons.push('no selector: no endpoints are created automatically');
      lines.push('no selector · endpoints managed by hand');
      notices.push({ severity: 'info', text: `Service ${svc.ref.name} has no selector, so Kubernetes creates no EndpointSlice for it: traffic goes only to endpoints you add yourself (an EndpointSlice labelled kubernetes.io/service-name: ${svc.ref.name}).`, source: src(svc) });
    }
    if (headless) notices.push({ severity: 'info', text: `Service ${svc.ref.name} is headless (clusterIP: None): no virtual IP and no load balancing; DNS answers with the ready pod IPs directly.`, source: src(svc) });
    elements.set(id, el(id, 'service', svc.ref.name, lines, `${type} Service ${svc.ref.name}${headless ? ', headless' : `, cluster IP ${clusterIP ?? 'unknown'}`}`, { source: src(svc), reasons }));
    ranges.push({ path: svc.file, range: objectSpan(svc), ids: [id] });

    // Client edges with the port mapping they use.
    const first = ports[0];
    if (headless) {
      addEdge(CLIENT_POD, id, 'request', `DNS ${svc.ref.name}.${svc.ref.namespace} → pod IPs`);
    } else {
      addEdge(CLIENT_POD, id, 'request', `${svc.ref.name}.${svc.ref.namespace}${first?.port !== undefined ? ':' + first.port : ''}`);
    }
    for (const p of ports) if (p.port !== undefined) targets.push({ id: `${id}#port${p.index}`, client: CLIENT_POD, label: `${svc.ref.name}.${svc.ref.namespace}:${p.port}` });
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const node = cluster.nodes[0]!;
      const np = ports.filter((p) => p.port !== undefined).map((p) => `${p.nodePort ?? 'auto'} → ${p.port}`);
      addEdge(CLIENT_EXT, id, 'request', `node:${np.join(', ')}`);
      for (const p of ports) if (p.port !== undefined) targets.push({ id: `${id}#nodeport${p.index}`, client: CLIENT_EXT, label: `${node.ip}:${p.nodePort ?? '(auto nodePort)'} (NodePort)` });
      if (type === 'LoadBalancer') for (const p of ports) if (p.port !== undefined) targets.push({ id: `${id}#lb${p.index}`, client: CLIENT_EXT, label: `${lbIP(svc)}:${p.port} (LoadBalancer)` });
    }

    // EndpointSlice and pods.
    if (!selector || Object.keys(selector).length === 0) {
      services.push(details(svc, scope, cluster, settings, []));
      continue;
    }
    const sid = sliceId(svc);
    const selected: SimPod[] = [];
    for (const pod of cluster.pods) {
      const labels = pod.source.template.labels;
      const keys = Object.keys(selector);
      const allMatch = keys.every((k) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === selector[k]);
      const pid = podId(pod);
      if (allMatch && pod.namespace === svc.ref.namespace) {
        selected.push(pod);
        continue;
      }
      const shared = keys.filter((k) => Object.prototype.hasOwnProperty.call(labels, k));
      if (allMatch) {
        addReason(pid, `other namespace: ${svc.ref.name} looks only in "${svc.ref.namespace}"`);
        addEdge(id, pid, 'unmatched', `other namespace (${pod.namespace})`);
      } else if (shared.length > 0 && pod.namespace === svc.ref.namespace) {
        const diff = keys.filter((k) => labels[k] !== selector[k]).map((k) => (labels[k] === undefined ? `${k} missing` : `${k}: "${labels[k]}" ≠ "${selector[k]}"`));
        addReason(pid, `label differs for ${svc.ref.name}: ${diff.join(', ')}`);
        addEdge(id, pid, 'unmatched', `label differs: ${diff.join(', ')}`);
      }
    }
    let ready = 0;
    for (const pod of selected) {
      const pid = podId(pod);
      const resolved = ports.map((p) => podPort(pod, p));
      const missing = resolved.filter((r) => r.reason).map((r) => r.reason!);
      const numbers = resolved.filter((r) => r.port !== undefined).map((r) => r.port!);
      const matched = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
      if (!pod.ready) {
        addReason(pid, `not ready (${pod.notReadyReason ?? 'readiness'}): ${svc.ref.name} sends it no traffic`);
        addEdge(sid, pid, 'unmatched', `${matched} · not ready`);
        continue;
      }
      if (ports.length > 0 && numbers.length === 0) {
        for (const m of missing) addReason(pid, m);
        addEdge(sid, pid, 'unmatched', `${matched} · ${missing[0] ?? 'no port'}`);
        continue;
      }
      for (const m of missing) addReason(pid, m);
      ready++;
      podServed.add(pid);
      addEdge(sid, pid, 'endpoint', `${matched}${numbers.length ? ' · :' + [...new Set(numbers)].join(', :') : ''}`);
    }
    const notReady = selected.length - ready;
    const sliceLines = [`for ${svc.ref.name}`, `${ready} ready${notReady ? `, ${notReady} not serving` : ''}`];
    if (selected.length === 0) sliceLines.push('empty: the selector matches no pod');
    elements.set(sid, el(sid, 'slice', `${svc.ref.name}-${sliceSuffix(svc)}`, sliceLines, `EndpointSlice of ${svc.ref.name}: ${ready} ready endpoints`, {
      source: src(svc, ['spec', 'selector']),
      health: ready === 0 ? 'warning' : 'ok',
      reasons: selected.length === 0 ? [`selector ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',')} matches no pod in "${svc.ref.namespace}"`] : ready === 0 ? ['no ready endpoint: requests fail'] : [],
    }));
    const firstPod = selected[0];
    const portNames = ports.map((p) => {
      const r = typeof p.targetPort === 'string' && firstPod ? podPort(firstPod, p).port : undefined;
      return `${p.port ?? '?'} → ${p.targetPort ?? '?'}${r !== undefined ? ` (${r})` : ''}`;
    });
    addEdge(id, sid, 'ports', portNames.join(', ') || 'no ports');
    services.push(details(svc, scope, cluster, settings, selected));
  }

  // Ingresses.
  for (const ing of [...scope.ingresses].sort((a, b) => cmp(ingId(a), ingId(b)))) {
    const id = ingId(ing);
    const lines: string[] = [];
    objectElements.set(ing.id, [id]);
    ranges.push({ path: ing.file, range: objectSpan(ing), ids: [id] });
    const spec = rec(ing.value['spec']);
    const cls = typeof spec['ingressClassName'] === 'string' ? spec['ingressClassName'] : undefined;
    if (cls) lines.push(`class ${cls}`);
    for (const r of ingressRoutes(ing)) {
      const target = r.service ? scope.findService(ing.ref.namespace, r.service) : undefined;
      const portLabel = r.portNumber !== undefined ? `:${r.portNumber}` : r.portName ? `:${r.portName}` : '';
      lines.push(`${r.host ?? '*'}${r.path ?? ''}${r.pathType ? ` (${r.pathType})` : ''} → ${r.service ?? '?'}${portLabel}`);
      const url = `http://${r.host ?? '<ingress-ip>'}${r.path ?? '/'}`;
      if (r.service) {
        const to = target ? svcId(target) : `missing:${ing.ref.namespace}/${r.service}`;
        if (!target && !elements.has(to)) {
          elements.set(to, el(to, 'missing', r.service, ['Service not found', `in namespace ${ing.ref.namespace}`], `Missing Service ${r.service}`, { health: 'warning', reasons: [`no Service "${r.service}" in "${ing.ref.namespace}": the Ingress controller answers 503`] }));
        }
        addEdge(id, to, 'route', `${r.host ?? '*'}${r.path ?? ''} → ${portLabel || ':?'}`);
      }
      targets.push({ id: `${id}#${r.index}`, client: CLIENT_EXT, label: url });
    }
    if (lines.length === 0 || (lines.length === 1 && cls)) lines.push('no rules');
    elements.set(id, el(id, 'ingress', ing.ref.name, lines, `Ingress ${ing.ref.name}`, { source: src(ing) }));
    addEdge(CLIENT_EXT, id, 'request', 'HTTP :80');
  }

  // Pods, grouped by node.
  for (const pod of cluster.pods) {
    const pid = podId(pod);
    const t = pod.source.template;
    const ports = t.containers.filter((c) => !c.init || c.sidecar).flatMap((c) => c.ports.map((p) => `${p.name ? p.name + ' ' : ''}${p.containerPort ?? '?'}${p.protocol !== 'TCP' ? '/' + p.protocol : ''}`));
    const reasons = podReasons.get(pid) ?? [];
    const served = podServed.has(pid);
    if (!served && reasons.length === 0) reasons.push('no Service selects this pod');
    const labels = Object.entries(t.labels).map(([k, v]) => `${k}=${v}`).join(', ');
    elements.set(pid, el(pid, 'pod', pod.name, [`${pod.ip} · ${pod.ready ? 'Ready' : 'NotReady'}`, ports.length ? `ports ${ports.join(', ')}` : 'no container ports', labels ? `labels ${labels}` : 'no labels'], `Pod ${pod.name}, ${pod.ready ? 'ready' : 'not ready'}, IP ${pod.ip}${served ? '' : ', gets no Service traffic'}`, {
      parent: nodeId(pod.node),
      dimmed: !served,
      reasons,
      health: pod.ready ? 'ok' : 'warning',
      source: src(pod.source.object, pod.source.template.templatePath),
    }));
    const list = objectElements.get(pod.source.object.id) ?? [];
    list.push(pid);
    objectElements.set(pod.source.object.id, list);
  }
  for (const s of scope.podSources) ranges.push({ path: s.object.file, range: objectSpan(s.object), ids: objectElements.get(s.object.id) ?? [] });

  // Attach findings.
  for (const { f, key } of findingTargets) {
    const o = objByKey.get(key);
    const ids = o ? (objectElements.get(o.id) ?? []) : [];
    const pv: ProblemView = { rule: f.rule, severity: f.severity, message: f.message };
    if (ids.length === 0) {
      notices.push({ severity: f.severity, text: `${f.object!.kind} ${f.object!.name}: ${f.message}`, source: { path: f.file, range: f.range } });
      continue;
    }
    for (const i of ids) {
      const list = problemsFor.get(i) ?? [];
      list.push(pv);
      problemsFor.set(i, list);
    }
  }
  const out: ViewElement[] = [];
  for (const e of elements.values()) {
    const problems = problemsFor.get(e.id) ?? [];
    out.push(problems.length ? { ...e, problems, health: worst(problems, e.health) } : e);
  }
  out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || cmp(a.id, b.id));
  edges.sort((a, b) => cmp(a.id, b.id));
  return { state: 'ok', notices, elements: out, edges, targets, services, events: cluster.events, cluster, ranges };
}

const KIND_ORDER: readonly ElementKind[] = ['client', 'ingress', 'service', 'missing', 'slice', 'node', 'pod'];

function el(id: string, kind: ElementKind, title: string, lines: string[], label: string, more: Partial<ViewElement> = {}): ViewElement {
  return { id, kind, title, lines, dimmed: false, reasons: [], problems: [], health: 'ok', label, ...more };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sliceSuffix(svc: K8sObject): string {
  return (hash(`slice/${svc.ref.namespace}/${svc.ref.name}`) % 46656).toString(36).padStart(3, 'x').slice(0, 5);
}

export interface IngressRoute {
  readonly index: number;
  readonly host?: string;
  readonly path?: string;
  readonly pathType?: string;
  readonly service?: string;
  readonly portNumber?: number;
  readonly portName?: string;
  readonly isDefault: boolean;
}

/** The host/path → backend routes of an Ingress, the default backend last. */
export function ingressRoutes(ing: K8sObject): IngressRoute[] {
  const spec = rec(ing.value['spec']);
  const out: IngressRoute[] = [];
  const backend = (b: unknown) => {
    const s = rec(rec(b)['service']);
    const port = rec(s['port']);
    return {
      service: typeof s['name'] === 'string' ? s['name'] : undefined,
      portNumber: typeof port['number'] === 'number' ? port['number'] : undefined,
      portName: typeof port['name'] === 'string' ? port['name'] : undefined,
    };
  };
  const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
  for (const r of rules) {
    const rr = rec(r);
    const host = typeof rr['host'] === 'string' ? rr['host'] : undefined;
    const paths = Array.isArray(rec(rr['http'])['paths']) ? (rec(rr['http'])['paths'] as unknown[]) : [];
    for (const p of paths) {
      const pr = rec(p);
      out.push({ index: out.length, host, path: typeof pr['path'] === 'string' ? pr['path'] : undefined, pathType: typeof pr['pathType'] === 'string' ? pr['pathType'] : undefined, ...backend(pr['backend']), isDefault: false });
    }
  }
  if (isRecord(spec['defaultBackend'])) out.push({ index: out.length, ...backend(spec['defaultBackend']), path: undefined, isDefault: true });
  return out;
}

/** Ingress path matching (B.2): Exact compares whole paths; Prefix compares `/`-separated elements. */
export function pathMatches(rulePath: string, pathType: string | undefined, requestPath: string): boolean {
  if (pathType === 'Exact') return rulePath === requestPath;
  const split = (p: string) => p.split('/').filter((s) => s !== '');
  const r = split(rulePath);
  const q = split(requestPath);
  return r.length <= q.length && r.every((s, i) => s === q[i]);
}

/** Host matching (B.2): exact, `*.foo.com` covering exactly one label, or no host = any. */
export function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (ruleHost === undefined || ruleHost === '') return true;
  if (ruleHost.startsWith('*.')) {
    const dot = host.indexOf('.');
    return dot > 0 && host.slice(dot + 1) === ruleHost.slice(2);
  }
  return ruleHost === host;
}

function details(svc: K8sObject, scope: Scope, cluster: SimCluster, settings: Settings, selected: readonly SimPod[]): ServiceDetails {
  const ports = servicePorts(svc.value);
  const type = serviceType(svc.value);
  const headless = isHeadless(svc.value);
  const ip = cluster.clusterIPs.get(svc.id);
  const fqdn = serviceDnsName(svc.ref.name, svc.ref.namespace, settings.clusterDomain);
  const spec = rec(svc.value['spec']);
  const publishNotReady = spec['publishNotReadyAddresses'] === true;
  const endpoints = selected.filter((p) => p.ready || publishNotReady);
  // EndpointSlice YAML.
  const y: string[] = ['apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata:', `  name: ${svc.ref.name}-${sliceSuffix(svc)}`, `  namespace: ${svc.ref.namespace}`, '  labels:', `    kubernetes.io/service-name: ${svc.ref.name}`, '    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io'];
  if (headless) y.push('    service.kubernetes.io/headless: ""');
  y.push('addressType: IPv4');
  if (type === 'ExternalName' || !serviceSelector(svc.value)) {
    y.length = 0;
    y.push(type === 'ExternalName' ? '# ExternalName Services get no EndpointSlice: DNS answers with a CNAME.' : '# No selector: the EndpointSlice controller creates nothing for this Service.', '# Add an EndpointSlice labelled kubernetes.io/service-name: ' + svc.ref.name + ' by hand.');
  } else {
    const first = selected[0];
    const slicePorts = ports.map((p) => ({ p, r: first ? podPort(first, p) : { port: typeof p.targetPort === 'number' ? p.targetPort : undefined } }));
    y.push(selected.length === 0 ? 'endpoints: []' : 'endpoints:');
    for (const pod of selected) {
      const ready = publishNotReady || pod.ready;
      y.push(`  - addresses: ["${pod.ip}"]`, '    conditions:', `      ready: ${ready}`, `      serving: ${pod.ready}`, '      terminating: false', `    nodeName: ${pod.node}`, '    targetRef:', '      kind: Pod', `      name: ${pod.name}`);
    }
    y.push(selected.length === 0 ? 'ports: null' : 'ports:');
    if (selected.length > 0) for (const { p, r } of slicePorts) if (r.port !== undefined) y.push(`  - name: "${p.name ?? ''}"`, `    port: ${r.port}`, `    protocol: ${p.protocol}`);
  }
  // DNS records (C.7).
  const dns: string[] = [];
  if (type === 'ExternalName') dns.push(`${fqdn}. CNAME ${typeof spec['externalName'] === 'string' ? spec['externalName'] : '?'}.`);
  else if (headless) {
    const readyEps = endpoints;
    if (readyEps.length === 0) dns.push(`${fqdn}. → NXDOMAIN (no ready endpoint)`);
    for (const p of readyEps) dns.push(`${fqdn}. A ${p.ip}`);
    for (const p of readyEps) if (p.source.template.hostname && p.source.template.subdomain === svc.ref.name) dns.push(`${p.source.template.hostname}.${fqdn}. A ${p.ip}`);
  } else if (ip) dns.push(`${fqdn}. A ${ip}`);
  for (const p of ports) if (p.name && p.port !== undefined && type !== 'ExternalName') dns.push(`_${p.name}._${p.protocol.toLowerCase()}.${fqdn}. SRV 0 100 ${p.port} ${fqdn}.`);
  if (type !== 'ExternalName' && ports.some((p) => !p.name)) dns.push('(unnamed ports get no SRV record)');
  // Environment variables (E.4).
  const env: string[] = [];
  if (ip && !headless && type !== 'ExternalName') {
    const base = svc.ref.name.toUpperCase().replace(/[-.]/g, '_').replace(/^(\d)/, '_$1');
    const f = ports[0];
    env.push(`${base}_SERVICE_HOST=${ip}`);
    if (f?.port !== undefined) env.push(`${base}_SERVICE_PORT=${f.port}`);
    for (const p of ports) if (p.name && p.port !== undefined) env.push(`${base}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}=${p.port}`);
    if (f?.port !== undefined) env.push(`${base}_PORT=${f.protocol.toLowerCase()}://${ip}:${f.port}`);
    for (const p of ports) {
      if (p.port === undefined) continue;
      const k = `${base}_PORT_${p.port}_${p.protocol}`;
      env.push(`${k}=${p.protocol.toLowerCase()}://${ip}:${p.port}`, `${k}_PROTO=${p.protocol.toLowerCase()}`, `${k}_PORT=${p.port}`, `${k}_ADDR=${ip}`);
    }
    env.push(`# only in pods of namespace ${svc.ref.namespace} started after the Service (enableServiceLinks)`);
  } else env.push('# no variables: the Service has no cluster IP');
  // iptables (D.3-D.5), simplified: chain names are hashes in real kube-proxy.
  const ipt: string[] = [];
  if (ip && !headless && type !== 'ExternalName') {
    for (const p of ports) {
      if (p.port === undefined) continue;
      const chain = `KUBE-SVC-${(hash(`${svc.ref.namespace}/${svc.ref.name}:${p.name ?? ''}:${p.protocol}`) >>> 0).toString(36).toUpperCase().padStart(7, '0').slice(0, 16)}`;
      const comment = `"${svc.ref.namespace}/${svc.ref.name}${p.name ? ':' + p.name : ''} cluster IP"`;
      const eps = endpoints.map((pod) => ({ pod, r: podPort(pod, p) })).filter((x) => x.r.port !== undefined);
      if (eps.length === 0) {
        ipt.push(`-A KUBE-SERVICES -d ${ip}/32 -p ${p.protocol.toLowerCase()} -m comment --comment "${svc.ref.namespace}/${svc.ref.name}${p.name ? ':' + p.name : ''} has no endpoints" -m ${p.protocol.toLowerCase()} --dport ${p.port} -j REJECT`);
        continue;
      }
      ipt.push(`-A KUBE-SERVICES -d ${ip}/32 -p ${p.protocol.toLowerCase()} -m comment --comment ${comment} -m ${p.protocol.toLowerCase()} --dport ${p.port} -j ${chain}`);
      if ((type === 'NodePort' || type === 'LoadBalancer') && p.nodePort !== undefined) ipt.push(`-A KUBE-NODEPORTS -p ${p.protocol.toLowerCase()} -m ${p.protocol.toLowerCase()} --dport ${p.nodePort} -j ${chain}`);
      eps.forEach(({ pod, r }, i) => {
        const sep = `KUBE-SEP-${(hash(`${pod.ip}:${r.port}`) >>> 0).toString(36).toUpperCase().padStart(7, '0')}`;
        const left = eps.length - i;
        ipt.push(`-A ${chain} ${left > 1 ? `-m statistic --mode random --probability ${(1 / left).toFixed(11)} ` : ''}-j ${sep}`);
        ipt.push(`-A ${sep} -p ${p.protocol.toLowerCase()} -j DNAT --to-destination ${pod.ip}:${r.port}`);
      });
    }
  } else ipt.push(headless ? '# headless: kube-proxy programs no rules; clients connect to pod IPs from DNS' : type === 'ExternalName' ? '# ExternalName: no rules, DNS only' : '# no cluster IP');
  // nftables (D.12), simplified: one verdict map per Service port, numgen picks an endpoint.
  const nft: string[] = [];
  if (ip && !headless && type !== 'ExternalName') {
    nft.push('table ip kube-proxy {');
    for (const p of ports) {
      if (p.port === undefined) continue;
      const proto = p.protocol.toLowerCase();
      const chain = `service-${svc.ref.namespace}/${svc.ref.name}/${proto}/${p.name ?? ''}`;
      const eps = endpoints.map((pod) => ({ pod, r: podPort(pod, p) })).filter((x) => x.r.port !== undefined);
      nft.push(`  # map service-ips: ${ip} . ${proto} . ${p.port} : ${eps.length ? `goto ${chain}` : 'goto reject-chain (no endpoints)'}`);
      if ((type === 'NodePort' || type === 'LoadBalancer') && p.nodePort !== undefined) nft.push(`  # map service-nodeports: ${proto} . ${p.nodePort} : goto ${chain}`);
      if (eps.length === 0) continue;
      nft.push(`  chain ${chain} {`, `    numgen random mod ${eps.length} vmap { ${eps.map((_, i) => `${i} : goto endpoint-${i}`).join(', ')} }`, '  }');
      eps.forEach(({ pod, r }, i) => nft.push(`  chain endpoint-${i} { # ${pod.name}`, `    meta l4proto ${proto} dnat to ${pod.ip}:${r.port}`, '  }'));
    }
    nft.push('}');
  } else nft.push(ipt[0] ?? '# no rules');
  void scope;
  return { id: svcId(svc), name: svc.ref.name, namespace: svc.ref.namespace, sliceYaml: y.join('\n'), dns, env, iptables: ipt, nftables: nft };
}

/** Element ids whose YAML contains `offset` in file `path` (innermost object first). */
export function elementsAt(vm: ViewModel, path: string, offset: number): string[] {
  const hits = vm.ranges.filter((r) => r.path === path && r.range.start <= offset && offset <= r.range.end);
  hits.sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start));
  return hits[0]?.ids.slice() ?? [];
}


