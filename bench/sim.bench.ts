// Simulation benchmark: 1,000 Services over 5,000 pods (reconcile, events, JSON) and 1,000 traces.
// usage: npm run bench:sim   (node --import tsx bench/sim.bench.ts [services=1000] [podsPerService=5])
import { parseFile, Scope } from '../src/core/index';
import { applyEvent, createSimulation, iptablesSave, toJson, trace } from '../src/core/sim/index';
import type { SimState } from '../src/core/sim/index';

const SERVICES = Number(process.argv[2] ?? 1000);
const PER = Number(process.argv[3] ?? 5);
const NODES = Math.max(3, Math.ceil((SERVICES * PER) / 100));
const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ClusterIP'];

function manifest(): string {
  const docs: string[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const name = `app-${String(i).padStart(4, '0')}`;
    const ns = `team-${i % 20}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: ${PER}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: web}}
    spec:
      containers:
      - name: main
        image: example/${name}:1
        ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]
        readinessProbe: {httpGet: {path: /healthz, port: http}}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  type: ${TYPES[i % TYPES.length]}
  selector: {app: ${name}}
  ports: [{name: http, port: 80, targetPort: http}, {name: metrics, port: 9090, targetPort: metrics}]`);
  }
  return docs.join('\n---\n') + '\n';
}

function time<T>(label: string, runs: number, fn: (i: number) => T): T {
  let last: T | undefined;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) last = fn(i);
  const ms = performance.now() - t0;
  const per = ms / runs;
  console.log(`${label.padEnd(52)} ${per >= 1 ? per.toFixed(1) + ' ms' : (per * 1000).toFixed(0) + ' µs'} per op  (${runs} runs, ${ms.toFixed(0)} ms total)`);
  return last as T;
}

const text = manifest();
const scope = time(`parse + scope (${(text.length / 1e6).toFixed(1)} MB)`, 1, () => new Scope([parseFile('bench.yaml', text)]));
const state: SimState = time(`createSimulation: ${SERVICES} Services, ${SERVICES * PER} pods, ${NODES} nodes`, 3, () => createSimulation(scope, { seed: 1, nodes: NODES }));
console.log(`  -> ${state.pods.length} pods, ${state.slices.length} EndpointSlices, ${state.services.length} Services`);
time('applyEvent killPod (controller + full reconcile)', 20, (i) => applyEvent(state, { type: 'killPod', pod: `${state.pods[i * 97]!.namespace}/${state.pods[i * 97]!.name}` }));
time('applyEvent readiness', 20, (i) => applyEvent(state, { type: 'readiness', pod: `${state.pods[i * 89]!.namespace}/${state.pods[i * 89]!.name}`, ready: false }));
time('applyEvent editManifest (same manifest)', 3, () => applyEvent(state, { type: 'editManifest', scope }));
const json = time('toJson + JSON.stringify', 3, () => JSON.stringify(toJson(state)));
console.log(`  -> ${(json.length / 1e6).toFixed(1)} MB of JSON`);
time('trace pod -> Service DNS name', 1000, (i) => {
  const p = state.pods[(i * 7) % state.pods.length]!;
  const svc = state.services[i % state.services.length]!;
  return trace(state, { from: { kind: 'pod', pod: `${p.namespace}/${p.name}` }, target: `${svc.name}.${svc.namespace}:80` });
});
const nodePorts = state.services.filter((s) => s.ports[0]!.nodePort !== null);
time('trace external -> nodeIP:nodePort', 1000, (i) => {
  const svc = nodePorts[i % nodePorts.length]!;
  return trace(state, { from: { kind: 'external' }, target: `${state.nodes[i % state.nodes.length]!.ip}:${svc.ports[0]!.nodePort}` });
});
time('iptablesSave for one Service', 200, (i) => iptablesSave(state, `${state.services[i]!.namespace}/${state.services[i]!.name}`));
