// The pure view model of the Visualize diagram: from a Scope, its findings and the simulated cluster
// (src/core/sim) to elements (clients, Ingresses, Services, EndpointSlices, Nodes, Pods) and labelled
// edges, plus the requests a learner can send and the side views of each Service. No DOM: unit-tested
// in Node. The renderer (diagram.ts) draws exactly what this returns.
import type { Finding, K8sObject, Scope, Span } from '../src/core/index';
import { locate, serviceDnsName } from '../src/core/index';
import type { SimEndpointSlice, SimPod, SimService, SimState, Trace, TraceRequest } from '../src/core/sim/index';
import { backendsFor, envVarsFor, iptablesSave, nftables, serviceDnsRecords, trace as simTrace, usable } from '../src/core/sim/index';

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
  /** Detail lines shown under the title (plain text; the renderer escapes them). */
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

/** A request the learner can send (a `TraceRequest` for the simulation). */
export interface RequestTarget {
  readonly id: string;
  readonly client: typeof CLIENT_EXT | typeof CLIENT_POD;
  readonly label: string;
  readonly request: TraceRequest;
}

export interface ServiceDetails {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly sliceYaml: string;
  readonly dns: string;
  readonly env: string;
  readonly iptables: string;
  readonly nftables: string;
}

export interface ViewModel {
  readonly state: 'ok' | 'empty' | 'yaml-error';
  readonly notices: readonly Notice[];
  readonly elements: readonly ViewElement[];
  readonly edges: readonly ViewEdge[];
  readonly targets: readonly RequestTarget[];
  readonly services: readonly ServiceDetails[];
  /** What the controllers did, oldest first. */
  readonly events: readonly string[];
  /** Object ranges, to map an editor cursor to elements. */
  readonly ranges: readonly { readonly path: string; readonly range: Span; readonly ids: readonly string[] }[];
  /** True when limitView left elements out. */
  readonly limited?: boolean;
}

export interface ViewOptions {
  readonly findings?: readonly Finding[];
}

export const CLIENT_EXT = 'client:external';
export const CLIENT_POD = 'client:pod';

export const svcId = (s: { namespace: string; name: string }): string => `svc:${s.namespace}/${s.name}`;
export const ingId = (s: { namespace: string; name: string }): string => `ing:${s.namespace}/${s.name}`;
export const sliceId = (name: string, namespace: string): string => `slice:${namespace}/${name}`;
export const podId = (p: { namespace: string; name: string }): string => `pod:${p.namespace}/${p.name}`;
export const nodeId = (name: string): string => `node:${name}`;

/** Most "almost selected" pods drawn per Service (the closest ones matter; the rest is noise). */
export const MAX_NEAR_MISSES = 4;

const KIND_ORDER: readonly ElementKind[] = ['client', 'ingress', 'service', 'missing', 'slice', 'node', 'pod'];

function objectSpan(o: K8sObject): Span {
  const r = o.node.range;
  return r ? { start: o.document.offset + r[0], end: o.document.offset + r[1] } : o.document.range;
}

function src(o: K8sObject | undefined, path: readonly (string | number)[] = []): SourceRef | undefined {
  if (!o) return undefined;
  return { path: o.file, range: path.length === 0 ? objectSpan(o) : locate(o, path).span };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function el(id: string, kind: ElementKind, title: string, lines: string[], label: string, more: Partial<ViewElement> = {}): ViewElement {
  return { id, kind, title, lines, dimmed: false, reasons: [], problems: [], health: 'ok', label, ...more };
}

function worst(problems: readonly ProblemView[], fallback: Health): Health {
  if (problems.some((p) => p.severity === 'error')) return 'error';
  if (problems.some((p) => p.severity === 'warning') || fallback === 'warning') return 'warning';
  return fallback === 'ok' ? 'info' : fallback;
}

const portSpec = (p: { name: string; port: number; protocol: string; targetPort: number | string }) => `${p.name ? p.name + ' ' : ''}${p.port}${p.protocol !== 'TCP' ? '/' + p.protocol : ''} → ${p.targetPort}`;

/** Builds the view model. Never throws on user input. */
export function buildViewModel(scope: Scope, state: SimState, opts: ViewOptions = {}): ViewModel {
  const findings = opts.findings ?? [];
  const elements = new Map<string, ViewElement>();
  const edges = new Map<string, ViewEdge>();
  const notices: Notice[] = [];
  const targets: RequestTarget[] = [];
  const services: ServiceDetails[] = [];
  const ranges: { path: string; range: Span; ids: string[] }[] = [];
  const objectElements = new Map<string, string[]>(); // K8sObject.id -> element ids
  const podReasons = new Map<string, string[]>();
  const events = state.log.map((e) => `${e.actor}: ${e.message}`);
  const addEdge = (from: string, to: string, kind: EdgeKind, label: string) => {
    const id = `${from}->${to}#${kind}`;
    if (!edges.has(id)) edges.set(id, { id, from, to, kind, label });
  };
  const addReason = (pid: string, r: string) => {
    const list = podReasons.get(pid) ?? [];
    if (!list.includes(r)) list.push(r);
    podReasons.set(pid, list);
  };
  const linkObject = (o: K8sObject | undefined, id: string) => {
    if (!o) return;
    const list = objectElements.get(o.id) ?? [];
    list.push(id);
    objectElements.set(o.id, list);
  };

  const yamlErrors = scope.files.flatMap((f) => f.findings.filter((x) => x.rule === 'yaml-syntax' || x.rule === 'yaml-alias-limit'));
  for (const e of yamlErrors.slice(0, 5)) notices.push({ severity: 'error', text: e.message, source: { path: e.file, range: e.range } });
  if (scope.services.length + scope.ingresses.length + scope.podSources.length === 0) {
    if (yamlErrors.length === 0) {
      notices.push({
        severity: 'info',
        text: scope.objects.length
          ? 'This file has Kubernetes objects, but no Service, Ingress or workload to draw. Add a Service (kind: Service) that selects the pods of a Deployment to see where traffic goes.'
          : 'No Kubernetes objects here. Open a YAML file with a Service, an Ingress or a workload (Deployment, StatefulSet, Pod…), or pick a sample.',
      });
    }
    return { state: yamlErrors.length ? 'yaml-error' : 'empty', notices, elements: [], edges: [], targets: [], services: [], events, ranges };
  }

  const workloadObject = new Map(scope.podSources.map((s) => [`${s.template.kind}/${s.template.namespace}/${s.template.name}`, s]));
  // Which pods get traffic: usable endpoints of slices that carry one of their Service's ports
  // (kube-proxy matches slice ports to Service ports by name and protocol), or any ready endpoint of
  // a headless Service (DNS answers it). Same outcome as receivesTraffic, in one pass over the slices.
  const servicesByRef = new Map(state.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const slicesByService = new Map<string, SimEndpointSlice[]>();
  const served = new Set<string>();
  for (const sl of state.slices) slicesByService.set(sl.service, [...(slicesByService.get(sl.service) ?? []), sl]);
  for (const [ref, slices] of slicesByService) {
    const svc = servicesByRef.get(ref);
    if (!svc || svc.type === 'ExternalName') continue;
    const eps = slices.filter((sl) => svc.headless || svc.ports.some((p) => sl.ports.some((q) => q.name === p.name && q.protocol === p.protocol && q.port > 0))).flatMap((sl) => sl.endpoints);
    const ready = eps.filter((e) => e.ready);
    // kube-proxy falls back to serving-and-terminating endpoints only when none is ready (CategorizeEndpoints).
    for (const e of ready.length || svc.headless ? ready : eps.filter((x) => x.serving && x.terminating)) if (e.pod) served.add(`pod:${e.pod}`);
  }
  const runningPods = state.pods.filter((p) => p.ip && p.node && !p.terminating);
  const nearMisses: { svc: SimService; id: string; hasEndpoints: boolean }[] = [];

  elements.set(CLIENT_EXT, el(CLIENT_EXT, 'client', 'Outside user', ['a browser or curl', 'outside the cluster'], 'Client: a user outside the cluster'));
  elements.set(CLIENT_POD, el(CLIENT_POD, 'client', 'Another pod', ['a pod in the cluster', 'uses cluster DNS'], 'Client: another pod inside the cluster'));
  for (const n of state.nodes) {
    elements.set(nodeId(n.name), el(nodeId(n.name), 'node', n.name, [`${n.ip}${n.ready ? '' : ' · NotReady'}${n.unschedulable ? ' · cordoned' : ''}`], `Node ${n.name}, ${n.ready ? 'Ready' : 'not ready'}`, { health: n.ready ? 'ok' : 'error', reasons: n.ready ? [] : ['node failed: its pods were evicted'] }));
  }

  // Services, their EndpointSlices and the pods their selector does or does not match.
  for (const svc of [...state.services].sort((a, b) => cmp(svcId(a), svcId(b)))) {
    const id = svcId(svc);
    const ref = `${svc.namespace}/${svc.name}`;
    const obj = scope.findService(svc.namespace, svc.name);
    linkObject(obj, id);
    if (obj) ranges.push({ path: obj.file, range: objectSpan(obj), ids: [id] });
    const dnsName = serviceDnsName(svc.name, svc.namespace, state.settings.clusterDomain);
    const details = serviceDetails(state, svc);
    services.push(details);
    if (svc.type === 'ExternalName') {
      const ext = svc.externalName ?? '(externalName missing)';
      elements.set(id, el(id, 'service', svc.name, ['ExternalName · DNS alias only', dnsName, `CNAME → ${ext}`, 'no cluster IP, no proxying, no endpoints'], `ExternalName Service ${svc.name}: a DNS alias for ${ext}`, { source: src(obj) }));
      addEdge(CLIENT_POD, id, 'request', `DNS ${svc.name}.${svc.namespace} → CNAME ${ext}`);
      const client = runningPods.find((p) => p.namespace === svc.namespace) ?? runningPods[0];
      targets.push({ id: `${id}#dns`, client: CLIENT_POD, label: `${svc.name}.${svc.namespace} (DNS alias)`, request: { from: client ? { kind: 'pod', pod: `${client.namespace}/${client.name}` } : { kind: 'node', node: state.nodes[0]?.name ?? 'node-1' }, target: `${svc.name}.${svc.namespace}` } });
      continue;
    }
    const lines = [`${svc.type}${svc.headless ? ' · headless' : ''} · ${svc.headless ? 'no virtual IP' : (svc.clusterIP ?? '?')}`, dnsName];
    for (const p of svc.ports) lines.push(`${portSpec(p)}${p.nodePort !== null ? ` · node :${p.nodePort}` : ''}`);
    if (svc.ports.length === 0) lines.push('no ports');
    if (svc.loadBalancerIP) lines.push(`LB ${svc.loadBalancerIP} (simulated)`);
    const reasons: string[] = [];
    if (!svc.selector) {
      reasons.push('no selector: no endpoints are created automatically');
      lines.push('no selector · endpoints managed by hand');
      notices.push({ severity: 'info', text: `Service ${svc.name} has no selector, so Kubernetes creates no EndpointSlice for it: traffic goes only to endpoints you add yourself (an EndpointSlice labelled kubernetes.io/service-name: ${svc.name}).`, source: src(obj) });
    }
    if (svc.headless) notices.push({ severity: 'info', text: `Service ${svc.name} is headless (clusterIP: None): no virtual IP and no load balancing; DNS answers with the ready pod IPs directly.`, source: src(obj) });
    elements.set(id, el(id, 'service', svc.name, lines, `${svc.type} Service ${svc.name}${svc.headless ? ', headless' : `, cluster IP ${svc.clusterIP ?? 'unknown'}`}`, { source: src(obj), reasons }));

    // Clients and the requests they can send.
    const first = svc.ports[0];
    addEdge(CLIENT_POD, id, 'request', svc.headless ? `DNS ${svc.name}.${svc.namespace} → pod IPs` : `${svc.name}.${svc.namespace}${first ? ':' + first.port : ''}`);
    const client = runningPods.find((p) => p.namespace === svc.namespace && !(svc.selector && Object.entries(svc.selector).every(([k, v]) => p.labels[k] === v))) ?? runningPods.find((p) => p.namespace === svc.namespace) ?? runningPods[0];
    const from: TraceRequest['from'] = client ? { kind: 'pod', pod: `${client.namespace}/${client.name}` } : { kind: 'node', node: state.nodes[0]?.name ?? 'node-1' };
    for (const p of svc.ports) targets.push({ id: `${id}#port${p.port}/${p.protocol}`, client: CLIENT_POD, label: `${svc.name}.${svc.namespace}:${p.port}`, request: { from, target: `${svc.name}.${svc.namespace}:${p.port}` } });
    if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') {
      const node = state.nodes.find((n) => n.ready) ?? state.nodes[0];
      const np = svc.ports.filter((p) => p.nodePort !== null).map((p) => `${p.nodePort} → ${p.port}`);
      if (np.length) addEdge(CLIENT_EXT, id, 'request', `${svc.loadBalancerIP ? `LB ${svc.loadBalancerIP}:${svc.ports[0]?.port ?? ''} · ` : ''}node:${np.join(', ')}`);
      if (node) for (const p of svc.ports) if (p.nodePort !== null) targets.push({ id: `${id}#nodeport${p.nodePort}`, client: CLIENT_EXT, label: `${node.ip}:${p.nodePort} (NodePort)`, request: { from: { kind: 'external' }, target: `${node.ip}:${p.nodePort}` } });
      if (svc.loadBalancerIP) for (const p of svc.ports) targets.push({ id: `${id}#lb${p.port}`, client: CLIENT_EXT, label: `${svc.loadBalancerIP}:${p.port} (LoadBalancer)`, request: { from: { kind: 'external' }, target: `${svc.loadBalancerIP}:${p.port}` } });
    }

    // EndpointSlices.
    const slices = slicesByService.get(ref) ?? [];
    const selector = svc.selector ?? {};
    const matched = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
    for (const sl of slices) {
      const sid = sliceId(sl.name, svc.namespace);
      let readyCount = 0;
      for (const e of sl.endpoints) {
        if (!e.pod) continue;
        const pid = `pod:${e.pod}`;
        const missing = svc.ports.filter((p) => !sl.ports.some((q) => q.name === p.name && q.protocol === p.protocol)).map((p) => `named port "${String(p.targetPort)}" (${p.protocol}) missing in the pod: ${svc.name} port ${p.port} sends it nothing`);
        for (const m of missing) addReason(pid, m);
        const usableHere = e.ready || (e.serving && e.terminating);
        if (!e.ready) addReason(pid, e.terminating ? `terminating: ${svc.name} stops sending it new connections` : `not ready: ${svc.name} sends it no traffic`);
        const ports = sl.ports.map((q) => `:${q.port}`).join(', ');
        if (usableHere && sl.ports.length > 0) readyCount++;
        addEdge(sid, pid, usableHere && (sl.ports.length > 0 || svc.ports.length === 0) ? 'endpoint' : 'unmatched', `${matched}${ports ? ' · ' + ports : ''}${!e.ready ? ' · not ready' : sl.ports.length === 0 && svc.ports.length ? ' · no port' : ''}`);
      }
      const manual = sl.managedBy !== 'endpointslice-controller.k8s.io';
      const sliceLines = [`${sl.endpoints.length} endpoint${sl.endpoints.length === 1 ? '' : 's'}, ${readyCount} serving`, sl.ports.length ? `ports ${sl.ports.map((q) => `${q.name ? q.name + ' ' : ''}${q.port}`).join(', ')}` : 'no ports'];
      if (manual) sliceLines.push(`managed by ${sl.managedBy}`);
      if (sl.endpoints.length === 0) sliceLines.push(svc.selector ? 'empty: the selector matches no pod' : 'empty');
      elements.set(sid, el(sid, 'slice', sl.name, sliceLines, `EndpointSlice ${sl.name} of ${svc.name}: ${readyCount} serving endpoints`, {
        source: src(obj, svc.selector ? ['spec', 'selector'] : []),
        health: readyCount === 0 && svc.ports.length > 0 ? 'warning' : 'ok',
        reasons: sl.endpoints.length === 0 && svc.selector ? [`selector ${matched} matches no running pod in "${svc.namespace}"`] : readyCount === 0 && svc.ports.length > 0 ? ['no serving endpoint: requests fail'] : [],
      }));
      linkObject(obj, sid);
      const mapping = svc.ports.map((p) => {
        const q = sl.ports.find((x) => x.name === p.name && x.protocol === p.protocol);
        const missing = sl.endpoints.length > 0 ? ' (missing)' : '';
        return `${p.port} → ${q ? (typeof p.targetPort === 'string' ? `${p.targetPort} (${q.port})` : q.port) : `${p.targetPort}${missing}`}`;
      });
      addEdge(id, sid, 'ports', mapping.join(', ') || 'no ports');
    }

    if (svc.selector) nearMisses.push({ svc, id, hasEndpoints: slices.some((sl) => sl.endpoints.length > 0) });
  }

  // Pods a selector almost matches (a label differs, another namespace), with the reason: drawn only
  // for pods no Service sends traffic to, or for Services that have no endpoints at all.
  const podsByNs = new Map<string, SimPod[]>();
  for (const p of state.pods) podsByNs.set(p.namespace, [...(podsByNs.get(p.namespace) ?? []), p]);
  for (const { svc, id, hasEndpoints } of nearMisses) {
    const selector = svc.selector ?? {};
    const keys = Object.keys(selector);
    let drawn = 0;
    // Pods of the Service's own namespace first (label differs), then other namespaces (all labels match).
    const candidates = [...(podsByNs.get(svc.namespace) ?? []), ...state.pods.filter((p) => p.namespace !== svc.namespace)];
    for (const pod of candidates) {
      if (drawn >= MAX_NEAR_MISSES) break;
      const pid = podId(pod);
      const allMatch = keys.length > 0 && keys.every((k) => pod.labels[k] === selector[k]);
      if (allMatch && pod.namespace === svc.namespace) {
        if (!pod.ip) addReason(pid, `${pod.phase}: no IP yet, so not in ${svc.name}'s EndpointSlice`);
        continue;
      }
      if (served.has(pid) && hasEndpoints) continue;
      if (allMatch) {
        addReason(pid, `other namespace: ${svc.name} only selects pods in "${svc.namespace}"`);
        addEdge(id, pid, 'unmatched', `other namespace (${pod.namespace})`);
        drawn++;
      } else if (pod.namespace === svc.namespace && keys.some((k) => k in pod.labels)) {
        const diff = keys.filter((k) => pod.labels[k] !== selector[k]).map((k) => (pod.labels[k] === undefined ? `${k} missing` : `${k}: "${pod.labels[k]}" ≠ "${selector[k]}"`));
        addReason(pid, `label differs for ${svc.name}: ${diff.join(', ')}`);
        addEdge(id, pid, 'unmatched', `label differs: ${diff.join(', ')}`);
        drawn++;
      }
    }
  }

  // Ingresses.
  for (const ing of [...state.ingresses].sort((a, b) => cmp(ingId(a), ingId(b)))) {
    const id = ingId(ing);
    const obj = scope.ingresses.find((o) => o.ref.namespace === ing.namespace && o.ref.name === ing.name);
    linkObject(obj, id);
    if (obj) ranges.push({ path: obj.file, range: objectSpan(obj), ids: [id] });
    const lines: string[] = [ing.class ? `class ${ing.class}` : 'no IngressClass'];
    const route = (host: string | null, path: string | null, pathType: string | null, backend: { service: string; port: number | string | null } | null, index: number) => {
      const svcName = backend ? backend.service.slice(backend.service.indexOf('/') + 1) : '?';
      const port = backend?.port !== null && backend?.port !== undefined ? `:${backend.port}` : '';
      lines.push(path === null ? `default → ${svcName}${port}` : `${host ?? '*'}${path}${pathType && pathType !== 'Prefix' ? ` (${pathType})` : ''} → ${svcName}${port}`);
      if (backend) {
        const exists = state.services.some((s) => `${s.namespace}/${s.name}` === backend.service);
        const to = exists ? `svc:${backend.service}` : `missing:${backend.service}`;
        if (!exists && !elements.has(to)) elements.set(to, el(to, 'missing', svcName, ['Service not found', `in namespace ${ing.namespace}`], `Missing Service ${svcName}`, { health: 'warning', reasons: [`no Service "${svcName}" in "${ing.namespace}": the Ingress controller answers 503`] }));
        addEdge(id, to, 'route', `${path === null ? 'default' : `${host ?? '*'}${path}`} → ${port || ':?'}`);
      }
      const h = host === null ? 'any-host.example' : host.startsWith('*.') ? `www${host.slice(1)}` : host;
      if (path !== null) targets.push({ id: `${id}#${index}`, client: CLIENT_EXT, label: `http://${h}${path}`, request: { from: { kind: 'external' }, target: `http://${h}${path}` } });
    };
    let i = 0;
    for (const r of ing.rules) for (const p of r.paths) route(r.host, p.path, p.pathType, p.backend, i++);
    if (ing.defaultBackend) route(null, null, null, ing.defaultBackend, i++);
    if (i === 0) lines.push('no rules');
    elements.set(id, el(id, 'ingress', ing.name, lines, `Ingress ${ing.name}`, { source: src(obj) }));
    addEdge(CLIENT_EXT, id, 'request', 'HTTP :80');
  }

  // Pods, grouped by node.
  for (const pod of state.pods) {
    const pid = podId(pod);
    const ws = workloadObject.get(pod.workload);
    const ports = pod.containers.filter((c) => !c.init || c.sidecar).flatMap((c) => c.ports.map((p) => `${p.name ? p.name + ' ' : ''}${p.containerPort ?? '?'}${p.protocol !== 'TCP' ? '/' + p.protocol : ''}`));
    const reasons = podReasons.get(pid) ?? [];
    const gets = served.has(pid);
    if (!gets && reasons.length === 0) reasons.push(pod.ip ? 'no Service selects this pod' : `${pod.phase}: not running`);
    const labels = Object.entries(pod.labels).filter(([k]) => k !== 'pod-template-hash').map(([k, v]) => `${k}=${v}`).join(', ');
    const status = pod.terminating ? 'Terminating' : pod.phase !== 'Running' ? pod.phase : pod.ready ? 'Ready' : 'NotReady';
    elements.set(pid, el(pid, 'pod', pod.name, [`${pod.ip ?? 'no IP'} · ${status}`, ports.length ? `ports ${ports.join(', ')}` : 'no container ports', labels ? `labels ${labels}` : 'no labels'], `Pod ${pod.name}, ${status}, IP ${pod.ip ?? 'none'}${gets ? '' : ', gets no Service traffic'}`, {
      parent: pod.node && elements.has(nodeId(pod.node)) ? nodeId(pod.node) : undefined,
      dimmed: !gets,
      reasons,
      health: pod.ready ? 'ok' : 'warning',
      source: ws ? src(ws.object, ws.template.templatePath) : undefined,
    }));
    linkObject(ws?.object, pid);
  }
  for (const s of scope.podSources) ranges.push({ path: s.object.file, range: objectSpan(s.object), ids: objectElements.get(s.object.id) ?? [] });

  // Problems from the diagnostics, on the element of the object they concern.
  const objByKey = new Map(scope.objects.map((o) => [`${o.ref.kind}/${o.ref.namespace}/${o.ref.name}`, o]));
  const problemsFor = new Map<string, ProblemView[]>();
  for (const f of findings) {
    if (!f.object) continue;
    const o = objByKey.get(`${f.object.kind}/${f.object.namespace}/${f.object.name}`);
    const ids = (o ? (objectElements.get(o.id) ?? []) : []).filter((x) => !x.startsWith('slice:'));
    if (ids.length === 0) {
      notices.push({ severity: f.severity, text: `${f.object.kind} ${f.object.name}: ${f.message}`, source: { path: f.file, range: f.range } });
      continue;
    }
    for (const i of ids) {
      const list = problemsFor.get(i) ?? [];
      list.push({ rule: f.rule, severity: f.severity, message: f.message });
      problemsFor.set(i, list);
    }
  }
  const out: ViewElement[] = [];
  for (const e of elements.values()) {
    const problems = problemsFor.get(e.id) ?? [];
    out.push(problems.length ? { ...e, problems, health: worst(problems, e.health) } : e);
  }
  out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || cmp(a.id, b.id));
  return { state: 'ok', notices, elements: out, edges: [...edges.values()].sort((a, b) => cmp(a.id, b.id)), targets, services, events, ranges };
}

function serviceDetails(state: SimState, svc: SimService): ServiceDetails {
  const ref = `${svc.namespace}/${svc.name}`;
  const slices = state.slices.filter((s) => s.service === ref);
  const y: string[] = [];
  if (svc.type === 'ExternalName') y.push('# ExternalName Services get no EndpointSlice: DNS answers with a CNAME.');
  else if (slices.length === 0) y.push(svc.selector ? '# No EndpointSlice yet.' : `# No selector: the EndpointSlice controller creates nothing for this Service.\n# Add an EndpointSlice labelled kubernetes.io/service-name: ${svc.name} yourself.`);
  for (const sl of slices) {
    if (y.length) y.push('---');
    y.push('apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata:', `  name: ${sl.name}`, `  namespace: ${svc.namespace}`, '  labels:', `    kubernetes.io/service-name: ${svc.name}`, `    endpointslice.kubernetes.io/managed-by: ${sl.managedBy}`);
    if (svc.headless) y.push('    service.kubernetes.io/headless: ""');
    y.push('addressType: IPv4', sl.endpoints.length ? 'endpoints:' : 'endpoints: []');
    for (const e of sl.endpoints) {
      y.push(`  - addresses: ["${e.ip}"]`, '    conditions:', `      ready: ${e.ready}`, `      serving: ${e.serving}`, `      terminating: ${e.terminating}`);
      if (e.hostname) y.push(`    hostname: ${e.hostname}`);
      if (e.node) y.push(`    nodeName: ${e.node}`);
      if (e.pod) y.push('    targetRef:', '      kind: Pod', `      name: ${e.pod.slice(e.pod.indexOf('/') + 1)}`);
    }
    y.push(sl.ports.length ? 'ports:' : 'ports: []');
    for (const p of sl.ports) y.push(`  - name: "${p.name}"`, `    port: ${p.port}`, `    protocol: ${p.protocol}`);
  }
  const dns = serviceDnsRecords(state, svc).map((r) => `${r.name}. ${r.type} ${r.data}`);
  if (svc.type !== 'ExternalName' && svc.ports.some((p) => !p.name)) dns.push('; unnamed ports get no SRV record');
  if (dns.length === 0) dns.push(svc.headless ? '; headless with no ready endpoint: NXDOMAIN' : '; no records');
  const client = state.pods.find((p) => p.namespace === svc.namespace && p.ip);
  let env: string;
  if (!svc.clusterIP) env = '# No variables: only Services with a cluster IP get environment variables.';
  else if (!client) env = `# No running pod in namespace ${svc.namespace} to show the variables of.`;
  else {
    const prefix = svc.name.toUpperCase().replace(/[-.]/g, '_').replace(/^(\d)/, '_$1') + '_';
    const vars = Object.entries(envVarsFor(state, `${client.namespace}/${client.name}`) ?? {}).filter(([k]) => k.startsWith(prefix));
    env = vars.length ? `# In pod ${client.name} (set when its containers start):\n${vars.map(([k, v]) => `${k}=${v}`).join('\n')}` : `# Pod ${client.name} was created before Service ${svc.name} (or has enableServiceLinks: false), so it has no variables for it.`;
  }
  const node = state.nodes[0]?.name;
  const ipt = iptablesSave(state, ref, node) ?? '# kube-proxy programs no rules for this Service';
  const nft = nftables(state, ref, node) ?? '# kube-proxy programs no rules for this Service';
  return { id: svcId(svc), name: svc.name, namespace: svc.namespace, sliceYaml: y.join('\n'), dns: dns.join('\n'), env, iptables: ipt, nftables: nft };
}

/** A trace step mapped to the diagram element it happens at. */
export interface Hop {
  readonly at: string;
  readonly text: string;
}

/** Runs the simulation's trace for a target and maps each step to a diagram element. */
export function traceHops(state: SimState, vm: ViewModel, targetId: string): { trace?: Trace; hops: Hop[]; ok: boolean } {
  const t = vm.targets.find((x) => x.id === targetId);
  if (!t) return { hops: [{ at: CLIENT_EXT, text: 'That request target no longer exists in this manifest.' }], ok: false };
  const tr = simTrace(state, t.request);
  const hops: Hop[] = [{ at: t.client, text: `${t.client === CLIENT_EXT ? 'A user outside the cluster' : t.request.from.kind === 'pod' ? `Pod ${t.request.from.pod}` : 'A node'} sends a request to ${t.request.target}.` }];
  const ids = new Set(vm.elements.map((e) => e.id));
  let at: string = t.client;
  const sliceOfPod = (pod: string | null): string | undefined => {
    if (!pod) return undefined;
    return vm.edges.find((e) => e.to === `pod:${pod}` && e.from.startsWith('slice:'))?.from;
  };
  for (const s of tr.steps) {
    let next: string | undefined;
    switch (s.kind) {
      case 'dns': {
        const m = /^([^.]+)\.([^.]+)\.svc\./.exec(s.name);
        next = m ? `svc:${m[2]}/${m[1]}` : undefined;
        break;
      }
      case 'ingress':
        next = `ing:${s.ingress}`;
        break;
      case 'service':
        next = `svc:${s.service}`;
        break;
      case 'kube-proxy':
      case 'dnat':
      case 'snat':
        next = sliceOfPod(tr.pod) ?? at;
        break;
      case 'deliver':
        next = `pod:${s.pod}`;
        break;
      case 'error': {
        // An Ingress backend that does not exist: the request dies at the placeholder element.
        const ing = tr.steps.find((x) => x.kind === 'ingress');
        next = ing?.kind === 'ingress' && ids.has(`missing:${ing.service}`) ? `missing:${ing.service}` : at;
        break;
      }
    }
    if (next && ids.has(next)) at = next;
    hops.push({ at, text: s.text });
  }
  const ok = tr.outcome === 'delivered' || tr.outcome === 'delivered-undeclared' || tr.outcome === 'external-name';
  return { trace: tr, hops, ok };
}

/** Element ids whose YAML contains `offset` in file `path` (innermost object first). */
export function elementsAt(vm: ViewModel, path: string, offset: number): string[] {
  const hits = vm.ranges.filter((r) => r.path === path && r.range.start <= offset && offset <= r.range.end);
  hits.sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start));
  return hits[0]?.ids.slice() ?? [];
}

/** Pods that get traffic for one Service port (for tests and the details view). */
export function podsServing(state: SimState, svc: SimService): string[] {
  return svc.ports.flatMap((p) => usable(backendsFor(state.slices, svc, p)).map((b) => b.pod ?? b.ip));
}

export type { SimPod };

/** Most Services drawn at once; beyond this the diagram is too big to read (and slower to lay out). */
export const MAX_DRAWN_SERVICES = 30;
/** Most pods drawn at once. */
export const MAX_DRAWN_PODS = 120;

/**
 * Keeps a very large model drawable: the first Services (those whose YAML holds `focus` first), their
 * Ingresses, slices and pods. Adds a notice saying what was left out. Returns `vm` unchanged when small.
 */
export function limitView(vm: ViewModel, focus: readonly string[] = []): ViewModel {
  const services = vm.elements.filter((e) => e.kind === 'service');
  const pods = vm.elements.filter((e) => e.kind === 'pod');
  if (services.length <= MAX_DRAWN_SERVICES && pods.length <= MAX_DRAWN_PODS) return vm;
  const ordered = [...services.filter((s) => focus.includes(s.id)), ...services.filter((s) => !focus.includes(s.id))];
  const keep = new Set<string>(['client:external', 'client:pod']);
  let podCount = 0;
  for (const s of ordered.slice(0, MAX_DRAWN_SERVICES)) {
    const slices = vm.edges.filter((e) => e.from === s.id && e.kind === 'ports').map((e) => e.to);
    const podIds = vm.edges.filter((e) => slices.includes(e.from) && e.to.startsWith('pod:')).map((e) => e.to);
    if (keep.size > 2 && podCount + podIds.length > MAX_DRAWN_PODS) break;
    keep.add(s.id);
    for (const sl of slices) keep.add(sl);
    for (const p of podIds) {
      if (keep.has(p)) continue;
      keep.add(p);
      podCount++;
    }
  }
  for (const e of vm.edges) if (e.kind === 'route' && keep.has(e.to)) keep.add(e.from);
  for (const e of vm.elements) if (e.kind === 'node') keep.add(e.id);
  for (const id of focus) {
    if (!id.startsWith('pod:') || podCount >= MAX_DRAWN_PODS || keep.has(id)) continue;
    keep.add(id);
    podCount++;
  }
  const elements = vm.elements.filter((e) => keep.has(e.id));
  const shownServices = elements.filter((e) => e.kind === 'service').length;
  const notice: Notice = { severity: 'info', text: `This manifest is large: the diagram shows ${shownServices} of ${services.length} Services and ${podCount} of ${pods.length} pods (those near the cursor first). Move the cursor to another Service to draw it.` };
  return { ...vm, elements, edges: vm.edges.filter((e) => keep.has(e.from) && keep.has(e.to)), notices: [notice, ...vm.notices], limited: true };
}
