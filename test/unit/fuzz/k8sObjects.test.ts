// Property tests over random Kubernetes-shaped objects (Services, Ingresses, workloads, bare Pods,
// EndpointSlices) written as block or flow YAML: the invariants of fuzzKit hold, and the checker and
// the simulation agree on which pods a Service selects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { serviceSelector } from '../../../src/core/k8s';
import type { Scope } from '../../../src/core/index';
import type { SimState } from '../../../src/core/sim/index';
import { createSimulation } from '../../../src/core/sim/index';
import { assertInvariants, runs, SEED } from './fuzzKit';

const weird = fc.oneof(fc.constant(''), fc.constant('<script>alert(1)</script>'), fc.constant('javascript:alert(1)'), fc.string({ maxLength: 8 }), fc.constant('ä/ü'), fc.constant('a'.repeat(300)));
const scalar = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('web', 'http', 'TCP', 'UDP', 'SCTP', 'None', 'db', 'true') }, { weight: 3, arbitrary: fc.integer({ min: -2, max: 70000 }) }, fc.boolean(), fc.constant(null), weird, fc.double());
const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('web', 'db', 'api') }, { weight: 1, arbitrary: scalar });
const ns = fc.constantFrom(undefined, undefined, 'default', 'shop');
const labelValue = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('web', 'db', 'api') }, { weight: 1, arbitrary: scalar });
const labels = fc.dictionary(fc.constantFrom('app', 'app', 'tier', 'app.kubernetes.io/name'), labelValue, { maxKeys: 3 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: a }, { weight: 1, arbitrary: scalar });

const svcPort = fc.record(
  { name: fc.constantFrom('http', 'grpc', 'metrics', undefined), port: maybe(fc.constantFrom(80, 443, 8080)), targetPort: maybe(fc.constantFrom(80, 8080, 'http', 'grpc', 'htp', '8080')), protocol: fc.constantFrom('TCP', 'UDP', undefined), nodePort: fc.constantFrom(undefined, 30080, 80, 40000), appProtocol: fc.constantFrom(undefined, 'http') },
  { requiredKeys: [] },
);
const service = fc.record({
  apiVersion: fc.constantFrom('v1', 'v1', 'v1', 'v2'),
  kind: fc.constant('Service'),
  metadata: fc.record({ name, namespace: ns, labels }, { requiredKeys: ['name'] }),
  spec: fc.record(
    {
      type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Nodeport', undefined),
      clusterIP: fc.constantFrom(undefined, undefined, 'None', '10.96.0.10', '10.0.0.1', 'x'),
      selector: maybe(labels),
      ports: maybe(fc.array(svcPort, { maxLength: 3 })),
      externalName: fc.constantFrom(undefined, 'example.com', 'http://x'),
      externalTrafficPolicy: fc.constantFrom(undefined, 'Local', 'Cluster', 'local'),
      sessionAffinity: fc.constantFrom(undefined, 'ClientIP', 'None'),
      publishNotReadyAddresses: fc.constantFrom(undefined, true),
      externalIPs: fc.constantFrom(undefined, ['1.2.3.4'], ['x']),
    },
    { requiredKeys: [] },
  ),
});
const cport = fc.record({ name: fc.constantFrom('http', 'grpc', undefined), containerPort: maybe(fc.constantFrom(80, 8080, 9090)), protocol: fc.constantFrom('TCP', 'UDP', undefined) }, { requiredKeys: [] });
const container = fc.record(
  {
    name: fc.constantFrom('app', 'side'),
    image: fc.constant('nginx'),
    ports: maybe(fc.array(cport, { maxLength: 3 })),
    readinessProbe: fc.constantFrom(undefined, { httpGet: { port: 'http' } }, { tcpSocket: { port: 9999 } }),
  },
  { requiredKeys: ['name'] },
);
const podSpec = fc.record({ containers: maybe(fc.array(container, { minLength: 1, maxLength: 2 })), hostname: fc.constantFrom(undefined, 'h'), subdomain: fc.constantFrom(undefined, 'web') }, { requiredKeys: ['containers'] });
const workload = fc.record({
  apiVersion: fc.constantFrom('apps/v1', 'apps/v1', 'extensions/v1beta1'),
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'),
  metadata: fc.record({ name, namespace: ns }, { requiredKeys: ['name'] }),
  spec: fc.record(
    {
      replicas: fc.constantFrom(undefined, 0, 1, 2, 2, -1, '3'),
      serviceName: fc.constantFrom(undefined, 'web', 'db'),
      selector: maybe(fc.record({ matchLabels: maybe(labels) }, { requiredKeys: [] })),
      template: maybe(fc.record({ metadata: maybe(fc.record({ labels: maybe(labels) }, { requiredKeys: [] })), spec: maybe(podSpec) }, { requiredKeys: [] })),
    },
    { requiredKeys: ['template'] },
  ),
});
const pod = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Pod'),
  metadata: fc.record({ name, namespace: ns, labels: maybe(labels) }, { requiredKeys: ['name'] }),
  spec: maybe(podSpec),
  status: fc.constantFrom(undefined, { phase: 'Running', podIP: '10.244.0.9' }, { phase: 'Succeeded' }, { phase: 'Pending' }),
});
const backend = fc.record({ service: fc.record({ name, port: fc.oneof(fc.record({ number: maybe(fc.constantFrom(80, 8080)) }), fc.record({ name: maybe(fc.constantFrom('http', 'grpc')) })) }, { requiredKeys: [] }) });
const ingress = fc.record({
  apiVersion: fc.constantFrom('networking.k8s.io/v1', 'extensions/v1beta1'),
  kind: fc.constant('Ingress'),
  metadata: fc.record({ name, namespace: ns, annotations: fc.constantFrom(undefined, { 'kubernetes.io/ingress.class': 'nginx' }) }, { requiredKeys: ['name'] }),
  spec: fc.record(
    {
      ingressClassName: maybe(fc.constantFrom('nginx', 'traefik')),
      defaultBackend: backend,
      tls: fc.constantFrom(undefined, [{ hosts: ['a.example.com'], secretName: 's' }], [{}]),
      rules: maybe(fc.array(fc.record({ host: fc.constantFrom(undefined, 'a.example.com', '*.example.com', '*', 'A_B'), http: fc.record({ paths: maybe(fc.array(fc.record({ path: fc.constantFrom('/', '/api', 'api', undefined), pathType: fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific', 'prefix', undefined), backend }, { requiredKeys: ['backend'] }), { maxLength: 2 })) }) }, { requiredKeys: [] }), { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
});
const slice = fc.record({
  apiVersion: fc.constant('discovery.k8s.io/v1'),
  kind: fc.constant('EndpointSlice'),
  metadata: fc.record({ name: fc.constantFrom('web-1', 'db-1'), namespace: ns, labels: fc.record({ 'kubernetes.io/service-name': name }) }),
  addressType: fc.constantFrom('IPv4', 'IPv6', 'FQDN'),
  ports: maybe(fc.array(fc.record({ name: fc.constantFrom('http', ''), port: maybe(fc.constantFrom(80, 8080)) }, { requiredKeys: [] }), { maxLength: 2 })),
  endpoints: maybe(fc.array(fc.record({ addresses: maybe(fc.constantFrom(['10.1.2.3'], ['x'], [])), conditions: fc.constantFrom(undefined, { ready: false }, { ready: true, terminating: true }) }, { requiredKeys: [] }), { maxLength: 2 })),
});

const objects = fc.array(fc.oneof({ weight: 3, arbitrary: service }, { weight: 4, arbitrary: workload }, { weight: 2, arbitrary: pod }, { weight: 1, arbitrary: ingress }, { weight: 1, arbitrary: slice }), { minLength: 2, maxLength: 7 });

function toYaml(objs: readonly unknown[], flow: boolean): string {
  return objs.map((o) => stringify(JSON.parse(JSON.stringify(o)), { collectionStyle: flow ? 'flow' : 'block' })).join('---\n');
}

function workloadKey(ref: { kind: string; namespace: string; name: string }): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * The simulation's controller-managed endpoints of every selector Service come exactly from the pod
 * templates the checker's `Scope.podsForService` selects: no pod of an unselected workload is an
 * endpoint, and every eligible pod (running, with an IP, on a live node) of a selected one is.
 * Workloads declared twice (same kind, namespace and name) are skipped: the simulation keeps the
 * last declaration while the scope holds both. A Service declared twice is compared through the
 * declaration whose selector the simulation used (the last one the API server accepts).
 */
function assertSelectionAgrees(scope: Scope, state: SimState): number {
  let compared = 0;
  const keyCount = new Map<string, number>();
  for (const src of scope.podSources) keyCount.set(workloadKey(src.object.ref), (keyCount.get(workloadKey(src.object.ref)) ?? 0) + 1);
  for (const svc of state.services) {
    if (svc.selector === null || svc.type === 'ExternalName') continue;
    const decls = scope.services.filter((s) => s.ref.namespace === svc.namespace && s.ref.name === svc.name);
    assert.ok(decls.length > 0, `simulated Service ${svc.namespace}/${svc.name} is not in the scope`);
    const obj = decls.filter((s) => isDeepStrictEqual(serviceSelector(s.value) ?? null, svc.selector)).at(-1);
    assert.ok(obj, `no declaration of Service ${svc.namespace}/${svc.name} has the simulated selector ${JSON.stringify(svc.selector)}`);
    const selected = new Set(scope.podsForService(obj).map((p) => workloadKey(p.object.ref)));
    const endpointPods = new Set<string>();
    for (const s of state.slices) {
      if (s.service !== `${svc.namespace}/${svc.name}` || s.managedBy !== 'endpointslice-controller.k8s.io') continue;
      for (const e of s.endpoints) if (e.pod) endpointPods.add(e.pod);
    }
    const liveNodes = new Set(state.nodes.map((n) => n.name));
    for (const p of state.pods) {
      // Declared twice: the simulation keeps the last declaration, the scope holds both.
      if ((keyCount.get(p.workload) ?? 0) > 1) continue;
      const ref = `${p.namespace}/${p.name}`;
      const eligible = p.phase !== 'Succeeded' && p.phase !== 'Failed' && !!p.ip && (!p.node || liveNodes.has(p.node) || svc.publishNotReadyAddresses);
      if (endpointPods.has(ref)) assert.ok(selected.has(p.workload), `pod ${ref} of ${p.workload} is an endpoint of ${svc.namespace}/${svc.name}, but the checker does not select ${p.workload}`);
      else if (selected.has(p.workload) && eligible) assert.fail(`pod ${ref} of selected ${p.workload} is missing from the endpoints of ${svc.namespace}/${svc.name}`);
      compared++;
    }
  }
  return compared;
}

test('random Kubernetes objects: invariants hold, and check and simulate agree on selected pods', () => {
  let compared = 0;
  let fixes = 0;
  fc.assert(
    fc.property(objects, fc.boolean(), (objs, flow) => {
      const text = toYaml(objs, flow);
      const r = assertInvariants([{ path: 'objs.yaml', text }]);
      fixes += r.findings.reduce((n, f) => n + f.fixes.length, 0);
      compared += assertSelectionAgrees(r.scope, createSimulation(r.scope, { seed: 3 }));
    }),
    { numRuns: runs(100), seed: SEED },
  );
  // The generator must reach the interesting cases, or the property proves little.
  assert.ok(compared > 20, `only ${compared} pod/Service pairs compared`);
  assert.ok(fixes > 20, `only ${fixes} fixes exercised`);
});

test('objects split over two files are checked and simulated as one scope', () => {
  fc.assert(
    fc.property(objects, objects, (a, b) => {
      const r = assertInvariants([
        { path: 'one.yaml', text: toYaml(a, false) },
        { path: 'two.yaml', text: toYaml(b, true) },
      ]);
      assertSelectionAgrees(r.scope, createSimulation(r.scope, { seed: 5 }));
    }),
    { numRuns: runs(40), seed: SEED + 1 },
  );
});
