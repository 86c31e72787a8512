// Determinism and invariants under random event sequences (fast-check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectorMatches } from '../../../src/core/index';
import { applyEvent, createSimulation, toJson, trace } from '../../../src/core/sim/index';
import type { SimEvent, SimState } from '../../../src/core/sim/index';
import { deployment, pod, scopeOf, service } from './simHelpers';

const MANIFEST =
  deployment('web', { app: 'web' }, 3) +
  deployment('api', { app: 'api', tier: 'be' }, 2, ['grpc:9090'], '', 'shop') +
  pod('solo', { app: 'web', extra: 'yes' }) +
  `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: pg, ports: [{name: pg, containerPort: 5432}]}]}
---
` +
  service('web', '  type: NodePort\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]') +
  service('web', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector: {app: api}\n  ports: [{name: grpc, port: 9090, targetPort: grpc}, {name: x, port: 9091}]', 'shop') +
  service('db', '  clusterIP: None\n  selector: {app: db}\n  ports: [{name: pg, port: 5432}]') +
  service('ext', '  type: ExternalName\n  externalName: example.com');

const ALT = MANIFEST.replace('replicas: 3', 'replicas: 4').replace('image: pg', 'image: pg:16');
/** New Services ahead of the old ones: they must not take the old Services' addresses. */
const EXTRA = Array.from({ length: 6 }, (_, i) => service(`new-${i}`, '  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80}, {port: 81}]')).join('') + MANIFEST;

function eventArb(): fc.Arbitrary<(s: SimState) => SimEvent> {
  const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
  const nodeName = fc.integer({ min: 1, max: 4 }).map((i) => `node-${i}`);
  return fc.oneof(
    fc.nat().map((i) => (s: SimState): SimEvent => ({ type: 'killPod', pod: (p => (p ? `${p.namespace}/${p.name}` : 'default/none'))(pick(s.pods, i)) })),
    fc.nat().map((i) => (s: SimState): SimEvent => ({ type: 'terminatePod', pod: (p => (p ? `${p.namespace}/${p.name}` : 'default/none'))(pick(s.pods, i)) })),
    fc.tuple(fc.nat(), fc.boolean()).map(([i, ready]) => (s: SimState): SimEvent => ({ type: 'readiness', pod: (p => (p ? `${p.namespace}/${p.name}` : 'x'))(pick(s.pods, i)), ready })),
    fc.tuple(fc.constantFrom('Deployment/default/web', 'Deployment/shop/api', 'StatefulSet/default/db'), fc.integer({ min: 0, max: 6 })).map(([workload, replicas]) => (): SimEvent => ({ type: 'scale', workload, replicas })),
    nodeName.map((node) => (): SimEvent => ({ type: 'cordonNode', node })),
    nodeName.map((node) => (): SimEvent => ({ type: 'uncordonNode', node })),
    nodeName.map((node) => (): SimEvent => ({ type: 'drainNode', node })),
    nodeName.map((node) => (): SimEvent => ({ type: 'failNode', node })),
    nodeName.map((node) => (): SimEvent => ({ type: 'recoverNode', node })),
    fc.constantFrom(MANIFEST, ALT, EXTRA).map((m) => (): SimEvent => ({ type: 'editManifest', scope: scopeOf(m) })),
  );
}

function checkInvariants(first: SimState, s: SimState): void {
  // A Service's clusterIP never changes.
  for (const svc of s.services) {
    const before = first.services.find((x) => x.namespace === svc.namespace && x.name === svc.name);
    if (before) assert.equal(svc.clusterIP, before.clusterIP, `clusterIP of ${svc.namespace}/${svc.name}`);
  }
  // Every endpoint belongs to a pod that matches the selector in the Service's namespace.
  for (const slice of s.slices) {
    const svc = s.services.find((x) => `${x.namespace}/${x.name}` === slice.service)!;
    assert.ok(svc.selector, 'controller slices only for Services with a selector');
    for (const e of slice.endpoints) {
      const p = s.pods.find((q) => `${q.namespace}/${q.name}` === e.pod);
      assert.ok(p, `endpoint ${e.pod} is a live pod`);
      assert.equal(p.namespace, svc.namespace);
      assert.ok(selectorMatches(svc.selector, p.labels));
      assert.equal(e.ip, p.ip);
      assert.ok(p.phase !== 'Succeeded' && p.phase !== 'Failed');
    }
  }
  // No two pods share an IP; pod names are unique per namespace.
  const ips = s.pods.map((p) => p.ip).filter((x) => x !== null);
  assert.equal(new Set(ips).size, ips.length, 'pod IPs are unique');
  const names = s.pods.map((p) => `${p.namespace}/${p.name}`);
  assert.equal(new Set(names).size, names.length, 'pod names are unique');
  // nodePorts are unique across Services and in range.
  const [lo, hi] = s.settings.nodePortRange;
  const owners = new Map<number, string>();
  for (const svc of s.services) {
    const mine = new Set([...svc.ports.map((p) => p.nodePort), svc.healthCheckNodePort].filter((x): x is number => x !== null));
    for (const np of mine) {
      assert.ok(np >= lo && np <= hi, `nodePort ${np} in range`);
      assert.equal(owners.get(np), undefined, `nodePort ${np} used twice`);
      owners.set(np, svc.name);
    }
  }
  // Pods on a failed node are never Ready; running pods have an IP from their node's CIDR.
  for (const p of s.pods) {
    if (p.ip && p.node) {
      const n = s.nodes.find((x) => x.name === p.node)!;
      assert.ok(p.ip.startsWith(n.podCIDR.replace(/0\/24$/, '')), `${p.ip} in ${n.podCIDR}`);
      assert.ok(n.ready || !p.ready, `${p.name} on NotReady ${n.name} is not Ready`);
    }
  }
}

test('same manifest, seed and events give the same JSON byte for byte', () => {
  const run = () => {
    let s = createSimulation(scopeOf(MANIFEST), { seed: 42, nodes: 4 });
    const events: SimEvent[] = [
      { type: 'killPod', pod: `default/${s.pods[0]!.name}` },
      { type: 'scale', workload: 'web', replicas: 5 },
      { type: 'drainNode', node: 'node-2' },
      { type: 'editManifest', scope: scopeOf(ALT) },
    ];
    for (const e of events) s = applyEvent(s, e);
    return JSON.stringify(toJson(s)) + JSON.stringify(s) + JSON.stringify(trace(s, { from: { kind: 'external' }, target: `${s.nodes[0]!.ip}:${s.services[0]!.ports[0]!.nodePort}` }));
  };
  assert.equal(run(), run());
  const other = JSON.stringify(toJson(createSimulation(scopeOf(MANIFEST), { seed: 43, nodes: 4 })));
  assert.notEqual(other, JSON.stringify(toJson(createSimulation(scopeOf(MANIFEST), { seed: 42, nodes: 4 }))), 'the seed matters');
});

test('the state survives a JSON round trip (the webview can hold it)', () => {
  const s = createSimulation(scopeOf(MANIFEST), { seed: 5 });
  const copy = JSON.parse(JSON.stringify(s)) as SimState;
  const a = applyEvent(s, { type: 'scale', workload: 'web', replicas: 6 });
  const b = applyEvent(copy, { type: 'scale', workload: 'web', replicas: 6 });
  assert.equal(JSON.stringify(toJson(a)), JSON.stringify(toJson(b)));
});

test('invariants hold under random event sequences', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 1, max: 4 }), fc.array(eventArb(), { maxLength: 25 }), (seed, nodes, evs) => {
      // Small ranges make address collisions likely, so reservation bugs show up.
      const first = createSimulation(scopeOf(MANIFEST), { seed, nodes, settings: { serviceCIDR: '10.96.0.0/27', nodePortRange: [30000, 30040] } });
      checkInvariants(first, first);
      let s = first;
      for (const mk of evs) {
        s = applyEvent(s, mk(s));
        checkInvariants(first, s);
      }
    }),
    { numRuns: 150 },
  );
});

test('random garbage input never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 40 }), (text, target) => {
      const s = createSimulation(scopeOf(text), { seed: 1 });
      toJson(s);
      trace(s, { from: { kind: 'external' }, target });
      trace(s, { from: { kind: 'pod', pod: target }, target });
    }),
    { numRuns: 300 },
  );
});
