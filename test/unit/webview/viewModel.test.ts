// What the Visualize diagram shows for each sample: elements, labelled edges, dimmed pods and reasons,
// problems on elements, request traces, side views, and behaviour after cluster actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent } from '../../../src/core/sim/index';
import { buildViewModel, elementsAt, limitView, MAX_DRAWN_PODS, MAX_DRAWN_SERVICES, traceHops } from '../../../webview/viewModel';
import { edgesFrom, el, fromText, ofKind, sample } from './helpers';

test('web-app: Ingress → NodePort Service → EndpointSlice → three ready pods spread over two nodes', () => {
  const b = sample('web-app.yaml');
  assert.equal(b.vm.state, 'ok');
  assert.deepEqual(ofKind(b, 'ingress').map((e) => e.id), ['ing:default/web']);
  assert.deepEqual(ofKind(b, 'service').map((e) => e.id), ['svc:default/web']);
  assert.equal(ofKind(b, 'slice').length, 1);
  assert.deepEqual(ofKind(b, 'node').map((e) => e.title), ['node-1', 'node-2']);
  const pods = ofKind(b, 'pod');
  assert.equal(pods.length, 3);
  for (const p of pods) {
    assert.match(p.parent ?? '', /^node:node-[12]$/);
    assert.equal(p.dimmed, false);
    assert.match(p.lines[0]!, /^10\.244\.\d+\.\d+ · Ready$/);
    assert.ok(p.lines.includes('ports http 8080'));
  }
  const svc = el(b, 'svc:default/web');
  assert.match(svc.lines[0]!, /^NodePort · 10\.\d+\.\d+\.\d+$/);
  assert.equal(svc.lines[1], 'web.default.svc.cluster.local');
  assert.equal(svc.lines[2], 'http 80 → http · node :30080');
  // Port mapping along the path: 30080 → 80 on the client edge, 80 → http (8080) to the slice, :8080 to each pod.
  assert.equal(b.vm.edges.find((e) => e.from === 'client:external' && e.to === 'svc:default/web')?.label, 'node:30080 → 80');
  const slice = ofKind(b, 'slice')[0]!;
  assert.equal(b.vm.edges.find((e) => e.from === 'svc:default/web' && e.to === slice.id)?.label, '80 → http (8080)');
  const podEdges = edgesFrom(b, slice.id);
  assert.equal(podEdges.length, 3);
  for (const e of podEdges) {
    assert.equal(e.kind, 'endpoint');
    assert.equal(e.label, 'app=web · :8080');
  }
  assert.equal(b.vm.edges.find((e) => e.from === 'ing:default/web')?.label, 'shop.example.com/ → :http');
  // The Ingress carries the diagnostics' hint about needing a controller.
  assert.deepEqual(el(b, 'ing:default/web').problems.map((p) => p.rule), ['ingress-needs-controller']);
});

test('clicking an element reveals its own YAML: source ranges cover the object text', () => {
  const b = sample('web-app.yaml');
  const svc = el(b, 'svc:default/web');
  assert.ok(svc.source);
  const text = b.text.slice(svc.source.range.start, svc.source.range.end);
  assert.ok(text.startsWith('apiVersion: v1\nkind: Service'), text.slice(0, 40));
  const pod = ofKind(b, 'pod')[0]!;
  assert.ok(pod.source);
  assert.ok(b.text.slice(pod.source.range.start, pod.source.range.end).startsWith('metadata:\n      labels:\n        app: web'));
  // And the reverse: a cursor inside the Service highlights the Service; inside the Deployment, its pods.
  const inService = b.text.indexOf('targetPort: http');
  assert.deepEqual(elementsAt(b.vm, 'web-app.yaml', inService), ['svc:default/web']);
  assert.deepEqual(elementsAt(b.vm, 'web-app.yaml', b.text.indexOf('replicas: 3')).sort(), pods(b).sort());
  assert.deepEqual(elementsAt(b.vm, 'other.yaml', inService), []);
});

function pods(b: ReturnType<typeof sample>): string[] {
  return ofKind(b, 'pod').map((e) => e.id);
}

test('selector typo: pods are dimmed with the label that differs, the slice is empty and flagged', () => {
  const b = sample('broken-selector-typo.yaml');
  const svc = el(b, 'svc:default/frontend');
  assert.deepEqual(svc.problems.map((p) => p.rule), ['selector-no-match']);
  assert.equal(svc.health, 'warning');
  const slice = ofKind(b, 'slice')[0]!;
  assert.equal(slice.health, 'warning');
  assert.ok(slice.lines.includes('empty: the selector matches no pod'));
  for (const p of ofKind(b, 'pod')) {
    assert.equal(p.dimmed, true);
    assert.deepEqual(p.reasons, ['label differs for frontend: app: "frontend" ≠ "frontnd"']);
    const e = b.vm.edges.find((x) => x.to === p.id);
    assert.equal(e?.kind, 'unmatched');
    assert.equal(e?.from, 'svc:default/frontend');
  }
  assert.equal(b.vm.edges.find((e) => e.to === slice.id)?.label, '80 → 3000');
});

test('named targetPort missing in the pods: endpoints without ports, pods dimmed with the reason', () => {
  const b = sample('broken-named-port.yaml');
  assert.deepEqual(el(b, 'svc:default/app').problems.map((p) => p.rule), ['target-port-name-missing']);
  const slice = ofKind(b, 'slice')[0]!;
  assert.deepEqual(slice.lines.slice(0, 2), ['2 endpoints, 0 serving', 'no ports']);
  assert.equal(b.vm.edges.find((e) => e.to === slice.id)?.label, '80 → http (missing)');
  for (const p of ofKind(b, 'pod')) {
    assert.equal(p.dimmed, true);
    assert.match(p.reasons[0]!, /^named port "http" \(TCP\) missing in the pod/);
    assert.equal(b.vm.edges.find((e) => e.to === p.id)?.kind, 'unmatched');
  }
  const t = b.vm.targets.find((x) => x.label === 'app.default:80');
  assert.ok(t);
  const r = traceHops(b.sim, b.vm, t.id);
  assert.equal(r.ok, false);
  assert.equal(r.trace?.outcome, 'connection-refused');
});

test('targetPort mismatch: the Service carries the warning; the trace says the port is not declared', () => {
  const b = sample('broken-target-port.yaml');
  assert.deepEqual(el(b, 'svc:default/web').problems.map((p) => p.rule), ['target-port-number-undeclared']);
  const t = b.vm.targets.find((x) => x.label === 'web.default:80')!;
  const r = traceHops(b.sim, b.vm, t.id);
  assert.equal(r.trace?.outcome, 'delivered-undeclared');
  assert.match(r.hops.at(-1)!.at, /^pod:default\/web-/);
});

test('Ingress to a missing Service: a placeholder element, a route edge to it, and a trace that stops there', () => {
  const b = sample('broken-missing-backend.yaml');
  const missing = el(b, 'missing:default/store');
  assert.equal(missing.health, 'warning');
  assert.match(missing.reasons[0]!, /answers 503/);
  assert.equal(b.vm.edges.find((e) => e.from === 'ing:default/shop')?.to, 'missing:default/store');
  assert.ok(el(b, 'ing:default/shop').problems.some((p) => p.rule === 'ingress-backend-missing'));
  const t = b.vm.targets.find((x) => x.label === 'http://shop.example.com/shop')!;
  const r = traceHops(b.sim, b.vm, t.id);
  assert.equal(r.ok, false);
  assert.deepEqual(r.hops.map((h) => h.at).slice(-2), ['ing:default/shop', 'missing:default/store']);
});

test('Ingress fan-out: a request to /api goes through the Ingress to the api pods, / to the frontend', () => {
  const b = sample('ingress-fanout.yaml');
  assert.deepEqual(el(b, 'ing:default/site').lines, ['class nginx', 'example.com/api → api:80', 'example.com/ → frontend:80']);
  const api = traceHops(b.sim, b.vm, b.vm.targets.find((x) => x.label === 'http://example.com/api')!.id);
  assert.equal(api.trace?.outcome, 'delivered');
  assert.deepEqual([...new Set(api.hops.map((h) => h.at.replace(/-[a-z0-9]+$/, '')))].slice(0, 4), ['client:external', 'ing:default/site', 'svc:default/api', 'slice:default/api']);
  assert.match(api.hops.at(-1)!.at, /^pod:default\/api-/);
  const root = traceHops(b.sim, b.vm, b.vm.targets.find((x) => x.label === 'http://example.com/')!.id);
  assert.match(root.hops.at(-1)!.at, /^pod:default\/frontend-/);
  // Pods served by their own Service are not dimmed by the other Service's selector.
  for (const p of ofKind(b, 'pod')) assert.equal(p.dimmed, false, p.id);
  assert.equal(b.vm.edges.filter((e) => e.kind === 'unmatched').length, 0);
});

test('ExternalName is drawn as a DNS alias without slice or pods behind it', () => {
  const b = sample('externalname.yaml');
  const svc = el(b, 'svc:default/billing-db');
  assert.deepEqual(svc.lines, ['ExternalName · DNS alias only', 'billing-db.default.svc.cluster.local', 'CNAME → db.billing.example.com', 'no cluster IP, no proxying, no endpoints']);
  assert.equal(ofKind(b, 'slice').length, 0);
  const d = b.vm.services.find((s) => s.id === 'svc:default/billing-db')!;
  assert.match(d.dns, /CNAME db\.billing\.example\.com/);
  assert.match(d.sliceYaml, /get no EndpointSlice/);
  const r = traceHops(b.sim, b.vm, b.vm.targets[0]!.id);
  assert.equal(r.trace?.outcome, 'external-name');
  // The billing pod is selected by no Service.
  const pod = ofKind(b, 'pod')[0]!;
  assert.equal(pod.dimmed, true);
  assert.deepEqual(pod.reasons, ['no Service selects this pod']);
});

test('headless Service: no virtual IP, DNS answers the pod IPs, StatefulSet pod names', () => {
  const b = sample('headless.yaml');
  const svc = el(b, 'svc:default/db');
  assert.equal(svc.lines[0], 'ClusterIP · headless · no virtual IP');
  assert.ok(b.vm.notices.some((n) => /headless \(clusterIP: None\)/.test(n.text)));
  assert.deepEqual(ofKind(b, 'pod').map((p) => p.title).sort(), ['db-0', 'db-1']);
  const d = b.vm.services[0]!;
  const ips = b.sim.pods.map((p) => p.ip!);
  for (const ip of ips) assert.ok(d.dns.includes(`A ${ip}`), d.dns);
  assert.equal(b.vm.edges.find((e) => e.from === 'client:pod')?.label, 'DNS db.default → pod IPs');
});

test('LoadBalancer: the simulated LB address and the allocated nodePort appear, and both are request targets', () => {
  const b = sample('loadbalancer.yaml');
  const svc = el(b, 'svc:default/shop');
  assert.ok(svc.lines.some((l) => /^LB 203\.0\.113\.\d+ \(simulated\)$/.test(l)), svc.lines.join('|'));
  assert.match(svc.lines[2]!, /^web 80 → web · node :3\d{4}$/);
  assert.ok(b.vm.targets.some((t) => /\(LoadBalancer\)$/.test(t.label)));
  assert.ok(b.vm.targets.some((t) => /\(NodePort\)$/.test(t.label)));
});

test('a Service without selector explains itself and has no slice', () => {
  const b = fromText('apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  ports:\n    - port: 5432\n');
  assert.ok(el(b, 'svc:default/ext').reasons.includes('no selector: no endpoints are created automatically'));
  assert.ok(b.vm.notices.some((n) => n.text.includes('has no selector')));
  assert.equal(ofKind(b, 'slice').length, 0);
});

test('empty and broken inputs explain themselves instead of drawing nothing silently', () => {
  const empty = fromText('# nothing here\n');
  assert.equal(empty.vm.state, 'empty');
  assert.match(empty.vm.notices[0]!.text, /No Kubernetes objects here/);
  const cm = fromText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
  assert.equal(cm.vm.state, 'empty');
  assert.match(cm.vm.notices[0]!.text, /no Service, Ingress or workload/);
  const broken = fromText('apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n');
  assert.equal(broken.vm.state, 'yaml-error');
  assert.equal(broken.vm.notices[0]!.severity, 'error');
  assert.match(broken.vm.notices[0]!.text, /YAML syntax error/);
});

test('killing a pod: a replacement with a new name and IP joins the slice; the clusterIP stays', () => {
  const b = sample('web-app.yaml');
  const before = ofKind(b, 'pod').map((p) => p.id);
  const ipBefore = el(b, 'svc:default/web').lines[0];
  const victim = b.sim.pods[0]!;
  const sim2 = applyEvent(b.sim, { type: 'killPod', pod: `${victim.namespace}/${victim.name}` });
  const vm2 = buildViewModel(b.scope, sim2);
  const after = vm2.elements.filter((e) => e.kind === 'pod' && !e.dimmed).map((p) => p.id);
  assert.ok(!after.includes(`pod:default/${victim.name}`));
  assert.equal(after.length, 3);
  assert.equal(after.filter((id) => !before.includes(id)).length, 1);
  assert.equal(vm2.elements.find((e) => e.id === 'svc:default/web')?.lines[0], ipBefore);
  assert.ok(vm2.events.some((e) => e.includes(victim.name)));
});

test('failing readiness dims the pod and turns its endpoint edge into "not ready"', () => {
  const b = sample('clusterip.yaml');
  const victim = b.sim.pods[0]!;
  const sim2 = applyEvent(b.sim, { type: 'readiness', pod: `${victim.namespace}/${victim.name}`, ready: false });
  const vm2 = buildViewModel(b.scope, sim2);
  const pod = vm2.elements.find((e) => e.id === `pod:default/${victim.name}`)!;
  assert.equal(pod.dimmed, true);
  assert.ok(pod.reasons.some((r) => r.startsWith('not ready')), pod.reasons.join('|'));
  const edge = vm2.edges.find((e) => e.to === pod.id)!;
  assert.equal(edge.kind, 'unmatched');
  assert.match(edge.label, /not ready$/);
  assert.match(vm2.elements.find((e) => e.kind === 'slice')!.lines[0]!, /^2 endpoints, 1 serving$/);
});

test('another namespace: a matching pod there is dimmed with the namespace reason', () => {
  const b = fromText(`apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
  labels:
    app: web
spec:
  containers:
    - name: web
      image: nginx
`);
  const pod = el(b, 'pod:default/web');
  assert.equal(pod.dimmed, true);
  assert.deepEqual(pod.reasons, ['other namespace: web only selects pods in "shop"']);
  assert.equal(b.vm.edges.find((e) => e.to === 'pod:default/web')?.label, 'other namespace (default)');
});

test('side views of a Service: EndpointSlice YAML, iptables, nftables, DNS and env vars from the simulation', () => {
  const b = sample('web-app.yaml');
  const d = b.vm.services.find((s) => s.id === 'svc:default/web')!;
  assert.match(d.sliceYaml, /^apiVersion: discovery\.k8s\.io\/v1\nkind: EndpointSlice/);
  assert.match(d.sliceYaml, /kubernetes\.io\/service-name: web/);
  assert.equal((d.sliceYaml.match(/- addresses:/g) ?? []).length, 3);
  assert.match(d.iptables, /KUBE-SERVICES/);
  assert.match(d.iptables, /--dport 30080/);
  assert.match(d.nftables, /table ip kube-proxy/);
  assert.match(d.dns, /^web\.default\.svc\.cluster\.local\. A 10\./m);
  assert.match(d.dns, /_http\._tcp\.web\.default\.svc\.cluster\.local\. SRV/);
  assert.match(d.env, /^# /);
});

test('every sample builds without problems in the core and has request targets that trace', () => {
  for (const name of ['web-app.yaml', 'clusterip.yaml', 'nodeport.yaml', 'loadbalancer.yaml', 'externalname.yaml', 'headless.yaml', 'ingress-fanout.yaml', 'ingress-name-based.yaml', 'multi-service-app.yaml']) {
    const b = sample(name);
    assert.equal(b.vm.state, 'ok', name);
    assert.ok(b.vm.targets.length > 0, name);
    for (const t of b.vm.targets) assert.equal(traceHops(b.sim, b.vm, t.id).ok, true, `${name}: ${t.label}`);
  }
});

test('garbage input never throws', () => {
  const inputs = ['', '---', 'kind: Service', 'apiVersion: v1\nkind: Service\nspec: 5', 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  ports: [1, {port: "x"}]\n  selector: [a]', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules: [{host: 5, http: {paths: [null, {backend: 3}]}}]', '\t\t:::\n- - -', 'a: &a [*a]'];
  for (const text of inputs) assert.doesNotThrow(() => fromText(text), text);
});

test('a very large manifest is drawn in part, around the cursor, with a notice', () => {
  const docs: string[] = [];
  for (let i = 0; i < 60; i++) {
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  selector:\n    app: a${i}\n  ports:\n    - port: 80\n`);
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: a${i}\n  template:\n    metadata:\n      labels:\n        app: a${i}\n    spec:\n      containers:\n        - name: c\n          image: nginx\n`);
  }
  const b = fromText(docs.join('---\n'));
  assert.equal(b.vm.elements.filter((e) => e.kind === 'service').length, 60);
  const small = sample('web-app.yaml').vm;
  assert.equal(limitView(small), small);
  const cut = limitView(b.vm, ['svc:default/s59']);
  const services = cut.elements.filter((e) => e.kind === 'service').map((e) => e.id);
  assert.equal(services.length, MAX_DRAWN_SERVICES);
  assert.equal(services.includes('svc:default/s59'), true, 'the Service at the cursor is drawn');
  assert.ok(cut.elements.filter((e) => e.kind === 'pod').length <= MAX_DRAWN_PODS);
  assert.match(cut.notices[0]!.text, new RegExp(`shows ${MAX_DRAWN_SERVICES} of 60 Services`));
  for (const e of cut.edges) assert.ok(cut.elements.some((x) => x.id === e.from) && cut.elements.some((x) => x.id === e.to), e.id);
});

test('scaling and failing a node change the pods drawn, and the log says why', () => {
  const b = sample('nodeport.yaml');
  const scaled = applyEvent(b.sim, { type: 'scale', workload: 'Deployment/default/hello', replicas: 4 });
  const vm = buildViewModel(b.scope, scaled);
  assert.equal(vm.elements.filter((e) => e.kind === 'pod').length, 4);
  assert.match(vm.elements.find((e) => e.kind === 'slice')!.lines[0]!, /^4 endpoints, 4 serving$/);
  const failed = applyEvent(scaled, { type: 'failNode', node: 'node-1' });
  const vm2 = buildViewModel(b.scope, failed);
  const node1 = vm2.elements.find((e) => e.id === 'node:node-1')!;
  assert.equal(node1.health, 'error');
  assert.match(node1.lines[0]!, /NotReady/);
  // Evicted pods are recreated on the healthy node, so traffic still flows.
  const pods = vm2.elements.filter((e) => e.kind === 'pod' && !e.dimmed);
  assert.equal(pods.length, 4);
  assert.ok(pods.every((p) => p.parent === 'node:node-2'), pods.map((p) => p.parent).join(','));
  assert.ok(vm2.events.length > vm.events.length);
});
