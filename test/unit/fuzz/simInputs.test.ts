// The simulation's user-typed inputs (trace targets, pod and node names, scale counts) never make it
// throw or hang, whatever the learner types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkFiles } from '../../../src/core/index';
import { applyEvent, createSimulation, parseTarget, resolveName, trace } from '../../../src/core/sim/index';
import type { SimEvent } from '../../../src/core/sim/index';
import { runs, SEED } from './fuzzKit';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: a, image: b, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  ingressClassName: nginx
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
`;
const state = createSimulation(checkFiles([{ path: 'm.yaml', text: MANIFEST }]).scope, { seed: 2 });
const pod = `${state.pods[0]!.namespace}/${state.pods[0]!.name}`;

test('trace and DNS: arbitrary and pathological targets never throw or hang', () => {
  const target = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ maxLength: 40 }).map((s) => `http://shop.example.com/${s}`),
    fc.string({ maxLength: 40 }).map((s) => `web.default.svc.cluster.local:${s}`),
    fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300), fc.integer({ min: -1, max: 70000 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}:${p}`),
  );
  const from = fc.constantFrom({ kind: 'external' as const }, { kind: 'pod' as const, pod }, { kind: 'pod' as const, pod: 'default/none' }, { kind: 'node' as const, node: 'node-1' }, { kind: 'node' as const, node: 'nope' });
  fc.assert(
    fc.property(target, from, (t, f) => {
      const r = trace(state, { from: f, target: t });
      assert.equal(typeof r.outcome, 'string');
      parseTarget(t);
      resolveName(state, t, 'default');
    }),
    { numRuns: runs(1000), seed: SEED },
  );
  for (const t of ['a'.repeat(100_000), 'http://' + ':'.repeat(50_000), '['.repeat(50_000), '1.'.repeat(50_000), `http://web/${'%'.repeat(100_000)}`, 'a-'.repeat(50_000) + '!']) {
    const t0 = performance.now();
    trace(state, { from: { kind: 'external' }, target: t });
    assert.ok(performance.now() - t0 < 2000, `${t.slice(0, 10)}… took too long`);
  }
});

test('events with unknown names and extreme counts leave a valid state', () => {
  const event = fc.oneof(
    fc.record({ type: fc.constant('scale' as const), workload: fc.oneof(fc.constantFrom('web', 'Deployment/default/web', 'default/web'), fc.string()), replicas: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(1e9, Number.NaN, Number.POSITIVE_INFINITY, 2.5)) }),
    fc.record({ type: fc.constantFrom('killPod' as const, 'terminatePod' as const), pod: fc.oneof(fc.constant(pod), fc.string()) }),
    fc.record({ type: fc.constant('readiness' as const), pod: fc.oneof(fc.constant(pod), fc.string()), ready: fc.boolean() }),
    fc.record({ type: fc.constantFrom('cordonNode' as const, 'uncordonNode' as const, 'drainNode' as const, 'failNode' as const, 'recoverNode' as const), node: fc.oneof(fc.constantFrom('node-1', 'node-2', 'node-3'), fc.string()) }),
  );
  fc.assert(
    fc.property(fc.array(event, { maxLength: 12 }), (events) => {
      let s = state;
      for (const e of events) s = applyEvent(s, e as SimEvent);
      // Scaling is capped at 1,000 replicas; terminating pods may linger on top of that.
      assert.ok(s.pods.length <= 1000 + state.pods.length + events.length, `${s.pods.length} pods`);
      for (const p of s.pods) assert.equal(typeof p.name, 'string');
      trace(s, { from: { kind: 'external' }, target: 'http://shop.example.com/' });
    }),
    { numRuns: runs(150), seed: SEED + 1 },
  );
});
