// Events: what the controllers do when pods die, workloads scale, probes fail, nodes go away
// or the manifest changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, applyEvents, endpointsOf, toJson } from '../../../src/core/sim/index';
import { deployment, pod, scopeOf, service, sim } from './simHelpers';

const WEB = deployment('web', { app: 'web' }, 3) + service('web', '  type: NodePort\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]');

test('killing a pod: the ReplicaSet replaces it with a new name and IP; the ClusterIP stays', () => {
  const s = sim(WEB);
  const victim = s.pods[1]!;
  const after = applyEvent(s, { type: 'killPod', pod: `default/${victim.name}` });
  assert.equal(after.pods.length, 3);
  assert.ok(!after.pods.some((p) => p.name === victim.name));
  const fresh = after.pods.find((p) => !s.pods.some((q) => q.name === p.name))!;
  assert.match(fresh.name, /^web-[a-z0-9]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.ok(fresh.name.startsWith(victim.name.slice(0, victim.name.lastIndexOf('-'))), 'same ReplicaSet prefix');
  assert.notEqual(fresh.ip, victim.ip);
  assert.equal(after.services[0]!.clusterIP, s.services[0]!.clusterIP);
  assert.deepEqual(after.services[0]!.ports, s.services[0]!.ports);
  const last = after.log.at(-1)!;
  assert.equal(last.actor, 'ReplicaSet controller');
  assert.match(last.message, new RegExp(`^ReplicaSet web-\\w+ created pod ${fresh.name} on node-\\d to replace ${victim.name}\\.$`));
  assert.ok(endpointsOf(after.slices, 'default/web').some((e) => e.pod === `default/${fresh.name}`));
  assert.equal(s.pods.length, 3, 'the input state is not modified');
});

test('a killed StatefulSet pod comes back with the same name and a new IP', () => {
  const s = sim(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: pg}]}
`);
  const after = applyEvent(s, { type: 'killPod', pod: 'default/db-0' });
  const again = after.pods.find((p) => p.name === 'db-0')!;
  assert.ok(again);
  assert.notEqual(again.ip, s.pods.find((p) => p.name === 'db-0')!.ip);
});

test('a killed bare Pod is gone for good', () => {
  const s = sim(pod('solo', { app: 'x' }));
  const after = applyEvent(s, { type: 'killPod', pod: 'default/solo' });
  assert.equal(after.pods.length, 0);
  assert.match(after.log.at(-1)!.message, /no controller recreates it/);
});

test('scaling adds and removes pods and endpoints', () => {
  const s = sim(WEB);
  const up = applyEvent(s, { type: 'scale', workload: 'Deployment/default/web', replicas: 5 });
  assert.equal(up.pods.length, 5);
  assert.equal(toJson(up).services[0]!.receivesTraffic!['http']!.length, 5);
  const down = applyEvent(up, { type: 'scale', workload: 'web', replicas: 1 });
  assert.equal(down.pods.length, 1);
  assert.equal(endpointsOf(down.slices, 'default/web').length, 1);
  const bogus = applyEvent(s, { type: 'scale', workload: 'nope', replicas: 2 });
  assert.equal(bogus.pods.length, 3);
  assert.match(bogus.log.at(-1)!.message, /Nothing to scale/);
});

test('readiness failure leaves endpoints as not ready; recovery rejoins', () => {
  const s = sim(WEB);
  const ref = `default/${s.pods[0]!.name}`;
  const failed = applyEvent(s, { type: 'readiness', pod: ref, ready: false });
  const e = endpointsOf(failed.slices, 'default/web').find((x) => x.pod === ref)!;
  assert.deepEqual([e.ready, e.serving, e.terminating], [false, false, false]);
  assert.ok(!toJson(failed).services[0]!.receivesTraffic!['http']!.includes(ref));
  const back = applyEvent(failed, { type: 'readiness', pod: ref, ready: true });
  assert.ok(toJson(back).services[0]!.receivesTraffic!['http']!.includes(ref));
});

test('terminatePod keeps the pod as a terminating endpoint and starts a replacement', () => {
  const s = sim(WEB);
  const ref = `default/${s.pods[0]!.name}`;
  const t = applyEvent(s, { type: 'terminatePod', pod: ref });
  assert.equal(t.pods.length, 4);
  const e = endpointsOf(t.slices, 'default/web').find((x) => x.pod === ref)!;
  assert.deepEqual([e.ready, e.serving, e.terminating], [false, true, true]);
});

test('draining a node moves its pods elsewhere; cordon alone does not', () => {
  const s = sim(WEB + pod('solo', { app: 'x' }, { node: 'node-1' }), { nodes: 3 });
  const cordoned = applyEvent(s, { type: 'cordonNode', node: 'node-1' });
  assert.deepEqual(cordoned.pods.map((p) => p.node), s.pods.map((p) => p.node));
  const drained = applyEvent(cordoned, { type: 'drainNode', node: 'node-1' });
  assert.ok(drained.pods.every((p) => p.node !== 'node-1'));
  assert.equal(drained.pods.filter((p) => p.workload.startsWith('Deployment/')).length, 3);
  assert.ok(!drained.pods.some((p) => p.name === 'solo'), 'the bare pod is not recreated');
  const scaled = applyEvent(drained, { type: 'scale', workload: 'web', replicas: 6 });
  assert.ok(scaled.pods.every((p) => p.node !== 'node-1'), 'a cordoned node takes no new pods');
  const unc = applyEvent(scaled, { type: 'uncordonNode', node: 'node-1' });
  const more = applyEvent(unc, { type: 'scale', workload: 'web', replicas: 9 });
  assert.ok(more.pods.some((p) => p.node === 'node-1'));
});

test('a failed node loses its pods to other nodes; with one node they stay Pending until it recovers', () => {
  const s = sim(WEB, { nodes: 2 });
  const f = applyEvent(s, { type: 'failNode', node: 'node-1' });
  assert.ok(f.pods.every((p) => p.node === 'node-2'));
  const one = sim(WEB, { nodes: 1 });
  const down = applyEvent(one, { type: 'failNode', node: 'node-1' });
  assert.ok(down.pods.length === 3 && down.pods.every((p) => p.phase === 'Pending' && p.ip === null && p.node === null));
  assert.equal(toJson(down).services[0]!.receivesTraffic!['http']!.length, 0);
  const up = applyEvent(down, { type: 'recoverNode', node: 'node-1' });
  assert.ok(up.pods.every((p) => p.phase === 'Running' && p.ip !== null && p.ready));
});

test('DaemonSets run one pod per node', () => {
  const s = sim(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: a}]}
`, { nodes: 4 });
  assert.deepEqual(s.pods.map((p) => p.node).sort(), ['node-1', 'node-2', 'node-3', 'node-4']);
  assert.ok(s.pods.every((p) => p.owner === 'DaemonSet/agent' && p.name.startsWith('agent-')));
});

test('editing the manifest keeps surviving pods and the ClusterIP; a template change replaces pods', () => {
  const s = sim(WEB);
  const same = applyEvent(s, { type: 'editManifest', scope: scopeOf(WEB + service('extra', '  selector: {app: web}\n  ports: [{port: 81, targetPort: 8080}]')) });
  assert.deepEqual(same.pods.map((p) => [p.name, p.ip]), s.pods.map((p) => [p.name, p.ip]));
  assert.equal(same.services[0]!.clusterIP, s.services[0]!.clusterIP);
  assert.equal(same.services[0]!.ports[0]!.nodePort, s.services[0]!.ports[0]!.nodePort);
  assert.equal(same.services.length, 2);
  const changed = applyEvent(s, { type: 'editManifest', scope: scopeOf(WEB.replace('image: app', 'image: app:v2')) });
  assert.equal(changed.pods.length, 3);
  assert.ok(changed.pods.every((p) => !s.pods.some((q) => q.name === p.name)));
  assert.equal(changed.services[0]!.clusterIP, s.services[0]!.clusterIP);
  const removed = applyEvent(s, { type: 'editManifest', scope: scopeOf(service('web', '  selector: {app: web}\n  ports: [{port: 80}]')) });
  assert.equal(removed.pods.length, 0);
  assert.ok(removed.log.some((l) => l.actor === 'garbage collector'));
});

test('applyEvents folds events in order and unknown targets are logged, not thrown', () => {
  const s = sim(WEB);
  const out = applyEvents(s, [
    { type: 'killPod', pod: 'default/none' },
    { type: 'readiness', pod: 'none', ready: false },
    { type: 'drainNode', node: 'node-99' },
    { type: 'recoverNode', node: 'node-99' },
  ]);
  assert.equal(out.pods.length, 3);
  assert.equal(out.log.length, s.log.length + 4);
});

test('rejected Services are logged and left out', () => {
  const s = sim(service('a', '  clusterIP: 10.200.0.10\n  ports: [{port: 80}]') + service('b', '  type: NodePort\n  ports: [{port: 80, nodePort: 32768}]') + service('c', '  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]') + service('d', '  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]'));
  assert.deepEqual(s.services.map((x) => x.name), ['c']);
  assert.ok(s.log.some((l) => l.message.includes('provided port is not in the valid range. The range of valid ports is 30000-32767')));
  assert.ok(s.log.some((l) => l.message.includes('provided port is already allocated')));
  assert.ok(s.log.some((l) => l.message.includes('10.200.0.10') && l.message.includes('not in the valid range')));
});

test('Services the API server rejects for their shape: rejected, or simulated with a note (G13, G14, G16)', () => {
  const s = sim(
    service('a', '  type: NodePort\n  clusterIP: None\n  ports: [{port: 80}]') +
      service('b', '  type: ExternalName') +
      service('c', '  selector: {app: x}') +
      service('d', '  ports: [{port: 80, nodePort: 30080}]') +
      service('ok', '  clusterIP: None\n  selector: {app: x}'),
  );
  assert.deepEqual(s.services.map((x) => x.name), ['c', 'd', 'ok']);
  assert.equal(s.services[1]!.ports[0]!.nodePort, null, 'the stray nodePort is ignored');
  const msgs = s.log.map((l) => l.message).join('\n');
  assert.match(msgs, /Service default\/a was rejected: spec\.clusterIPs\[0\]: Invalid value: "None": may not be set to 'None' for NodePort services/);
  assert.match(msgs, /Service default\/b was rejected: spec\.externalName: Required value/);
  assert.match(msgs, /Service default\/c would be rejected \(spec\.ports: Required value\)/);
  assert.match(msgs, /Service default\/d would be rejected \(spec\.ports\[0\]\.nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\); the simulation ignores the nodePort/);
});

test('ports with the same number share one nodePort (§A.13)', () => {
  const s = sim(service('dns', '  type: NodePort\n  ports: [{name: udp, port: 53, protocol: UDP}, {name: tcp, port: 53, protocol: TCP}, {name: m, port: 9153}]'));
  const [a, b, c] = s.services[0]!.ports;
  assert.equal(a!.nodePort, b!.nodePort);
  assert.notEqual(a!.nodePort, c!.nodePort);
  assert.ok(a!.nodePort! >= 30086, 'dynamic allocation uses the upper band first');
});

test('an object declared twice: the last declaration is what the cluster keeps, as after kubectl apply', () => {
  const text = deployment('web', { app: 'web' }, 1) + '---\n' + deployment('web', { app: 'web' }, 4) + service('web', '  type: ClusterIP\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]') + service('web', '  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]');
  const s = sim(text);
  assert.equal(s.workloads.length, 1);
  assert.equal(s.pods.length, 4, 'replicas of the second declaration');
  assert.equal(s.services.length, 1);
  assert.equal(s.services[0]!.type, 'NodePort', 'type of the second declaration');
  const said = s.log.filter((e) => e.actor === 'kubectl').map((e) => e.message);
  assert.ok(said.some((m) => /^Deployment default\/web is declared 2 times in these manifests\. kubectl apply applies each declaration in turn, so the last one the API server accepts is what the cluster keeps\.$/.test(m)), said.join('\n'));
  assert.ok(said.some((m) => m.startsWith('Service default/web is declared 2 times')));
  // Re-applying the same manifest (an edit elsewhere) does not repeat it in the event log.
  const kubectlLines = (st: typeof s) => st.log.filter((e) => e.actor === 'kubectl' && e.message.includes('declared')).length;
  const edited = applyEvent(s, { type: 'editManifest', scope: scopeOf(text) });
  assert.equal(kubectlLines(edited), kubectlLines(s));
  // One declaration: nothing to say.
  assert.equal(sim(WEB).log.filter((e) => e.actor === 'kubectl').length, 0);
});

test('an object declared twice whose last declaration is rejected: the cluster keeps the earlier one', () => {
  // kubectl apply creates the first declaration; applying the second fails, which leaves the first in place.
  const text =
    deployment('web', { app: 'web' }, 2) +
    service('web', '  type: ClusterIP\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]') +
    service('web', '  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 99999}]');
  const s = sim(text);
  assert.deepEqual(
    s.services.map((x) => `${x.name} ${x.type}`),
    ['web ClusterIP'],
  );
  const api = s.log.filter((e) => e.actor === 'API server').map((e) => e.message);
  assert.ok(api.some((m) => m.startsWith('Service default/web was rejected: spec.ports[0].nodePort: Invalid value: 99999') && m.includes('(declaration 2 of 2:')), api.join('\n'));
  assert.ok(api.some((m) => m.startsWith('Service default/web created with ClusterIP ')), api.join('\n'));
  // Every declaration rejected: no Service.
  const none = sim(deployment('web', { app: 'web' }, 1) + service('web', '  type: Foo\n  ports: [{port: 80}]') + service('web', '  type: Bar\n  ports: [{port: 80}]'));
  assert.equal(none.services.length, 0);
  assert.equal(none.log.filter((e) => e.actor === 'API server' && e.message.startsWith('Service default/web was rejected')).length, 2);
});
