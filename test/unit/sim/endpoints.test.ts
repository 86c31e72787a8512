// EndpointSlice controller scenarios of KUBERNETES.md §G (G18, G23, G25, G27, G31, G33, G35, G37, G38).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointsOf, toJson } from '../../../src/core/sim/index';
import { deployment, pod, READY_STATUS, service, sim, UNREADY_STATUS } from './simHelpers';

test('G18: ExternalName with a selector gets no endpoints, no ClusterIP, a CNAME', () => {
  const s = sim(pod('db', { app: 'db' }) + service('ext', '  type: ExternalName\n  externalName: db.example.com\n  selector: {app: db}\n  ports: [{port: 5432}]'));
  const j = toJson(s).services[0]!;
  assert.equal(j.clusterIP, null);
  assert.deepEqual(j.endpoints, []);
  assert.equal(s.slices.filter((x) => x.service === 'default/ext').length, 0);
  assert.equal(j.receivesTraffic, null);
  assert.deepEqual(j.dns, [{ name: 'ext.default.svc.cluster.local', type: 'CNAME', data: 'db.example.com' }]);
});

test('G23: a selector matching no pods still gets a ClusterIP and one empty placeholder slice', () => {
  const s = sim(service('web', '  selector: {app: web}\n  ports: [{port: 80}]'));
  const svc = s.services[0]!;
  assert.match(svc.clusterIP!, /^10\.(9[6-9]|10[0-9]|11[01])\./);
  const slices = s.slices.filter((x) => x.service === 'default/web');
  assert.equal(slices.length, 1);
  assert.deepEqual(slices[0]!.ports, []);
  assert.deepEqual(slices[0]!.endpoints, []);
  assert.deepEqual(toJson(s).services[0]!.receivesTraffic, { '80': [] });
});

test('G25: every selector key must match; extra pod labels do not matter', () => {
  const s = sim(pod('a', { app: 'web' }) + pod('b', { app: 'web', tier: 'fe', v: '2' }) + service('web', '  selector: {app: web, tier: fe}\n  ports: [{port: 80, targetPort: 8080}]'));
  assert.deepEqual(endpointsOf(s.slices, 'default/web').map((e) => e.pod), ['default/b']);
});

test('pods are selected only in the Service namespace', () => {
  const s = sim(pod('a', { app: 'web' }, { ns: 'other' }) + pod('b', { app: 'web' }) + service('web', '  selector: {app: web}\n  ports: [{port: 80}]'));
  assert.deepEqual(endpointsOf(s.slices, 'default/web').map((e) => e.pod), ['default/b']);
});

test('G27: a named targetPort resolves per pod; different numbers land in different slices', () => {
  const s = sim(pod('a', { app: 'web' }, { ports: ['http:8080'] }) + pod('b', { app: 'web' }, { ports: ['http:9090'] }) + pod('c', { app: 'web' }, { ports: ['metrics:9100'] }) + service('web', '  selector: {app: web}\n  ports: [{name: web, port: 80, targetPort: http}]'));
  const slices = s.slices.filter((x) => x.service === 'default/web');
  assert.equal(slices.length, 3);
  const eps = endpointsOf(s.slices, 'default/web');
  const portOf = (p: string) => eps.find((e) => e.pod === p)!.ports;
  assert.deepEqual(portOf('default/a'), [{ name: 'web', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(portOf('default/b'), [{ name: 'web', port: 9090, protocol: 'TCP' }]);
  // c lacks the name: it is still an endpoint, but with no port, so it receives no traffic.
  assert.deepEqual(portOf('default/c'), []);
  assert.deepEqual(toJson(s).services[0]!.receivesTraffic, { web: ['default/a', 'default/b'] });
});

test('a named targetPort must match the protocol too', () => {
  const s = sim(pod('a', { app: 'dns' }, { ports: ['dns:53'] }) + service('dns', '  selector: {app: dns}\n  ports: [{name: dns, port: 53, targetPort: dns, protocol: UDP}]'));
  assert.deepEqual(endpointsOf(s.slices, 'default/dns')[0]!.ports, []);
});

test('a numeric targetPort is used even when no container declares it', () => {
  const s = sim(pod('a', { app: 'web' }, { ports: ['http:8080'] }) + service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 3000}]'));
  assert.deepEqual(endpointsOf(s.slices, 'default/web')[0]!.ports, [{ name: '', port: 3000, protocol: 'TCP' }]);
});

test('G31: a pod whose readiness fails is ready=false serving=false and gets no traffic', () => {
  const s = sim(pod('a', { app: 'web' }, { status: UNREADY_STATUS.replace('PODIP', '10.244.0.50'), node: 'node-1' }) + service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'));
  const e = endpointsOf(s.slices, 'default/web')[0]!;
  assert.deepEqual([e.ip, e.ready, e.serving, e.terminating], ['10.244.0.50', false, false, false]);
  assert.deepEqual(toJson(s).services[0]!.receivesTraffic, { '80': [] });
});

test('G33: a terminating ready pod is ready=false serving=true terminating=true, unused while others are ready', () => {
  const yaml =
    pod('old', { app: 'web' }, { status: READY_STATUS.replace('PODIP', '10.244.0.50'), deleting: true }) +
    pod('new', { app: 'web' }, { status: READY_STATUS.replace('PODIP', '10.244.0.51') }) +
    service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]');
  const s = sim(yaml);
  const old = endpointsOf(s.slices, 'default/web').find((e) => e.pod === 'default/old')!;
  assert.deepEqual([old.ready, old.serving, old.terminating], [false, true, true]);
  assert.deepEqual(toJson(s).services[0]!.receivesTraffic, { '80': ['default/new'] });
  // With no ready endpoint left, kube-proxy falls back to serving+terminating ones.
  const only = sim(yaml.replace(/---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: new[\s\S]*?---\n/, '---\n'));
  assert.deepEqual(toJson(only).services[0]!.receivesTraffic, { '80': ['default/old'] });
});

test('publishNotReadyAddresses marks every included pod ready', () => {
  const s = sim(pod('a', { app: 'db' }, { status: UNREADY_STATUS.replace('PODIP', '10.244.0.50') }) + service('db', '  clusterIP: None\n  publishNotReadyAddresses: true\n  selector: {app: db}\n  ports: [{port: 5432}]'));
  const e = endpointsOf(s.slices, 'default/db')[0]!;
  assert.deepEqual([e.ready, e.serving], [true, false]);
});

test('G35: Succeeded, Failed and IP-less pods are left out', () => {
  const st = (phase: string, ip?: string) => `  phase: ${phase}${ip ? `\n  podIP: ${ip}` : ''}`;
  const s = sim(
    pod('done', { app: 'web' }, { status: st('Succeeded', '10.244.0.60') }) +
      pod('failed', { app: 'web' }, { status: st('Failed', '10.244.0.61') }) +
      pod('pending', { app: 'web' }, { status: st('Pending') }) +
      pod('ok', { app: 'web' }) +
      service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'),
  );
  assert.deepEqual(endpointsOf(s.slices, 'default/web').map((e) => e.pod), ['default/ok']);
  assert.equal(s.pods.find((p) => p.name === 'pending')!.ip, null);
});

test('G37: a headless Service with no ports gives endpoints with no ports', () => {
  const s = sim(deployment('db', { app: 'db' }, 2) + service('db', '  clusterIP: None\n  selector: {app: db}'));
  const eps = endpointsOf(s.slices, 'default/db');
  assert.equal(eps.length, 2);
  assert.ok(eps.every((e) => e.ports.length === 0 && e.ready));
  assert.equal(toJson(s).services[0]!.receivesTraffic, null);
});

test('G38: a selectorless Service uses the manifest EndpointSlice matched by port name', () => {
  const s = sim(
    service('ext', '  ports: [{name: http, port: 80}]') +
      `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext-1
  labels: {kubernetes.io/service-name: ext, endpointslice.kubernetes.io/managed-by: me}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
- addresses: [192.0.2.10]
- addresses: [192.0.2.11]
  conditions: {ready: false}
`,
  );
  const j = toJson(s).services[0]!;
  assert.deepEqual(j.endpoints.map((e) => [e.ip, e.ready, e.serving]), [['192.0.2.10', true, true], ['192.0.2.11', false, false]]);
  assert.deepEqual(j.receivesTraffic, { http: ['192.0.2.10'] });
});

test('a slice port whose name differs from the Service port name carries no traffic', () => {
  const s = sim(
    service('ext', '  ports: [{name: http, port: 80}]') +
      `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ext-1, labels: {kubernetes.io/service-name: ext}}
addressType: IPv4
ports: [{name: web, port: 8080}]
endpoints: [{addresses: [192.0.2.10]}]
`,
  );
  assert.deepEqual(toJson(s).services[0]!.receivesTraffic, { http: [] });
});

test('StatefulSet pods get stable names and, with a matching serviceName, endpoint hostnames', () => {
  const s = sim(
    `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: pg}]}
---
` + service('db', '  clusterIP: None\n  selector: {app: db}\n  ports: [{name: pg, port: 5432}]'),
  );
  assert.deepEqual(s.pods.map((p) => [p.name, p.owner]), [['db-0', 'StatefulSet/db'], ['db-1', 'StatefulSet/db'], ['db-2', 'StatefulSet/db']]);
  assert.deepEqual(endpointsOf(s.slices, 'default/db').map((e) => e.hostname), ['db-0', 'db-1', 'db-2']);
});
