// DNS and environment-variable scenarios of KUBERNETES.md §G (G36, G70, G71) and §C.7/§E.4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, dnsRecords, envVarsFor, serviceDnsRecords, trace } from '../../../src/core/sim/index';
import { deployment, pod, scopeOf, service, sim, UNREADY_STATUS } from './simHelpers';

test('G36: a headless Service answers one A record per ready pod, SRV per pod for the named port, NXDOMAIN at zero', () => {
  const s = sim(deployment('web', { app: 'web' }, 3, ['web:8080']) + service('web', '  clusterIP: None\n  selector: {app: web}\n  ports: [{name: web, port: 80, targetPort: web}]') + pod('client', { app: 'client' }));
  const svc = s.services.find((x) => x.name === 'web')!;
  assert.equal(svc.clusterIP, null);
  const recs = serviceDnsRecords(s, svc);
  const fqdn = 'web.default.svc.cluster.local';
  const a = recs.filter((r) => r.name === fqdn && r.type === 'A').map((r) => r.data).sort();
  assert.deepEqual(a, s.pods.filter((p) => p.workload.startsWith('Deployment/')).map((p) => p.ip!).sort());
  assert.equal(recs.filter((r) => r.type === 'SRV' && r.name === `_web._tcp.${fqdn}`).length, 3);
  // Scale to zero: the name no longer resolves.
  const zero = applyEvent(s, { type: 'scale', workload: 'web', replicas: 0 });
  assert.deepEqual(serviceDnsRecords(zero, svc), []);
  const t = trace(zero, { from: { kind: 'pod', pod: 'default/client' }, target: 'web:80' });
  assert.equal(t.outcome, 'nxdomain');
});

test('a ClusterIP Service has an A record whether or not it has endpoints; unnamed ports get no SRV', () => {
  const s = sim(service('web', '  selector: {app: none}\n  ports: [{port: 80}]') + service('api', '  selector: {app: none}\n  ports: [{name: http, port: 80}, {name: grpc, port: 9090}]'));
  const web = serviceDnsRecords(s, s.services[0]!);
  assert.deepEqual(web, [{ name: 'web.default.svc.cluster.local', type: 'A', data: s.services[0]!.clusterIP! }]);
  const api = serviceDnsRecords(s, s.services[1]!);
  assert.deepEqual(api.filter((r) => r.type === 'SRV').map((r) => [r.name, r.data]), [
    ['_http._tcp.api.default.svc.cluster.local', '0 100 80 api.default.svc.cluster.local'],
    ['_grpc._tcp.api.default.svc.cluster.local', '0 100 9090 api.default.svc.cluster.local'],
  ]);
});

test('an unready pod is not in headless DNS (G31) unless publishNotReadyAddresses', () => {
  const p = pod('db-a', { app: 'db' }, { status: UNREADY_STATUS.replace('PODIP', '10.244.0.70') });
  const hidden = sim(p + service('db', '  clusterIP: None\n  selector: {app: db}\n  ports: [{port: 5432}]'));
  assert.deepEqual(serviceDnsRecords(hidden, hidden.services[0]!), []);
  const shown = sim(p + service('db', '  clusterIP: None\n  publishNotReadyAddresses: true\n  selector: {app: db}\n  ports: [{port: 5432}]'));
  assert.ok(serviceDnsRecords(shown, shown.services[0]!).some((r) => r.data === '10.244.0.70'));
});

test('pod hostname + subdomain with a matching headless Service gives hostname.subdomain.ns.svc', () => {
  const s = sim(pod('p', { app: 'db' }, { hostname: 'alpha', subdomain: 'db' }) + service('db', '  clusterIP: None\n  selector: {app: db}\n  ports: [{port: 5432}]'));
  const ip = s.pods[0]!.ip!;
  assert.ok(dnsRecords(s).some((r) => r.name === 'alpha.db.default.svc.cluster.local' && r.data === ip));
  assert.ok(dnsRecords(s).some((r) => r.name === `${ip.replace(/\./g, '-')}.default.pod.cluster.local` && r.type === 'A'));
});

test('cross-namespace names need <svc>.<ns>; the bare name resolves only in the same namespace', () => {
  const s = sim(pod('client', { app: 'c' }, { ns: 'shop' }) + pod('w', { app: 'web' }) + service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'));
  assert.equal(trace(s, { from: { kind: 'pod', pod: 'shop/client' }, target: 'web:80' }).outcome, 'nxdomain');
  assert.equal(trace(s, { from: { kind: 'pod', pod: 'shop/client' }, target: 'web.default:80' }).outcome, 'delivered');
  assert.equal(trace(s, { from: { kind: 'pod', pod: 'shop/client' }, target: 'web.default.svc.cluster.local:80' }).outcome, 'delivered');
});

test('E.4: env var names and values for a Service created before the pod', () => {
  const s = sim(service('redis-primary', '  selector: {app: redis}\n  ports: [{name: redis, port: 6379}, {name: metrics, port: 9121}]') + pod('app', { app: 'app' }));
  const ip = s.services[0]!.clusterIP!;
  const env = envVarsFor(s, 'default/app')!;
  assert.equal(env['REDIS_PRIMARY_SERVICE_HOST'], ip);
  assert.equal(env['REDIS_PRIMARY_SERVICE_PORT'], '6379');
  assert.equal(env['REDIS_PRIMARY_SERVICE_PORT_REDIS'], '6379');
  assert.equal(env['REDIS_PRIMARY_SERVICE_PORT_METRICS'], '9121');
  assert.equal(env['REDIS_PRIMARY_PORT'], `tcp://${ip}:6379`);
  assert.equal(env['REDIS_PRIMARY_PORT_9121_TCP'], `tcp://${ip}:9121`);
  assert.equal(env['REDIS_PRIMARY_PORT_9121_TCP_PROTO'], 'tcp');
  assert.equal(env['REDIS_PRIMARY_PORT_9121_TCP_PORT'], '9121');
  assert.equal(env['REDIS_PRIMARY_PORT_9121_TCP_ADDR'], ip);
  assert.equal(env['KUBERNETES_SERVICE_HOST'], '10.96.0.1');
  assert.equal(env['KUBERNETES_SERVICE_PORT'], '443');
});

test('G70: a pod created before the Service gets no variables for it (DNS still works)', () => {
  // One apply: every Service of the file exists before any container starts, whatever the order.
  const together = sim(pod('app', { app: 'app' }) + service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'));
  assert.equal(envVarsFor(together, 'default/app')!['WEB_SERVICE_HOST'], together.services[0]!.clusterIP);
  // The Service is added later (a manifest edit): the running pod does not get it.
  const first = pod('app', { app: 'app' }) + deployment('api', { app: 'api' }) + pod('w', { app: 'web' });
  const before = sim(first);
  const after = applyEvent(before, { type: 'editManifest', scope: scopeOf(first + service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]')) });
  const ip = after.services[0]!.clusterIP!;
  assert.equal(envVarsFor(after, 'default/app')!['WEB_SERVICE_HOST'], undefined);
  assert.equal(trace(after, { from: { kind: 'pod', pod: 'default/app' }, target: 'web:80' }).outcome, 'delivered', 'DNS still works');
  // A replacement pod starts after the Service, so it gets the variables.
  const apiPod = after.pods.find((p) => p.workload === 'Deployment/default/api')!;
  assert.equal(envVarsFor(after, `default/${apiPod.name}`)!['WEB_SERVICE_HOST'], undefined);
  const replaced = applyEvent(after, { type: 'killPod', pod: `default/${apiPod.name}` });
  const fresh = replaced.pods.find((p) => p.workload === 'Deployment/default/api')!;
  assert.notEqual(fresh.name, apiPod.name);
  assert.equal(envVarsFor(replaced, `default/${fresh.name}`)!['WEB_SERVICE_HOST'], ip);
});

test('G70 from a kubectl dump: creationTimestamps decide', () => {
  const stamp = (y: string, t: string) => y.replace(/metadata:\n  name: (\w+)\n/, `metadata:\n  name: $1\n  creationTimestamp: "${t}"\n`);
  const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
  creationTimestamp: "2024-05-01T10:00:00Z"
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
`;
  const s = sim(stamp(pod('old', { app: 'x' }), '2024-04-01T00:00:00Z') + stamp(pod('new', { app: 'x' }), '2024-06-01T00:00:00Z') + svc);
  assert.equal(envVarsFor(s, 'default/old')!['WEB_SERVICE_HOST'], undefined);
  assert.equal(envVarsFor(s, 'default/new')!['WEB_SERVICE_HOST'], s.services[0]!.clusterIP);
});

test('G71: headless and ExternalName Services produce no env vars; other namespaces neither', () => {
  const s = sim(
    service('db', '  clusterIP: None\n  selector: {app: db}\n  ports: [{port: 5432}]') +
      service('ext', '  type: ExternalName\n  externalName: example.com') +
      service('other', '  selector: {app: x}\n  ports: [{port: 80}]', 'elsewhere') +
      service('1st-svc', '  selector: {app: x}\n  ports: [{port: 80}]') +
      pod('app', { app: 'app' }),
  );
  const env = envVarsFor(s, 'default/app')!;
  assert.ok(!Object.keys(env).some((k) => k.startsWith('DB_') || k.startsWith('EXT_') || k.startsWith('OTHER_')));
  assert.ok('_1ST_SVC_SERVICE_HOST' in env, 'a leading digit gets an underscore prefix');
  assert.equal(envVarsFor(s, 'default/nope'), undefined);
});

test('enableServiceLinks: false leaves only the kubernetes Service variables', () => {
  const s = sim(service('web', '  selector: {app: x}\n  ports: [{port: 80}]') + deployment('app', { app: 'app' }, 1, ['http:8080'], '\n      enableServiceLinks: false'));
  const env = envVarsFor(s, `default/${s.pods[0]!.name}`)!;
  assert.ok(Object.keys(env).every((k) => k.startsWith('KUBERNETES_')));
});
