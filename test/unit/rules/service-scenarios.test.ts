// KUBERNETES.md §G scenarios about Service validation, one test per scenario, named after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles } from '../../../src/core/index';
import type { Finding } from '../../../src/core/index';

/** A Service manifest with the given `spec` body (indented by two spaces) and name. */
function svc(spec: string, name = 'web'): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
}

function run(text: string, settings?: Parameters<typeof checkFiles>[1]): { text: string; findings: Finding[]; errors: Finding[] } {
  const { findings } = checkFiles([{ path: 'g.yaml', text }], settings);
  return { text, findings, errors: findings.filter((f) => f.severity === 'error') };
}

/** [rule, field, API text] of every error, for exact comparison. */
function errs(r: ReturnType<typeof run>): [string, string | undefined, string][] {
  return r.errors.map((f) => [f.rule, f.field, /\(API server: (.*)\)$/.exec(f.message)?.[1] ?? '']);
}

test('G01: two unnamed ports are both Required', () => {
  const r = run(svc('selector: {app: web}\nports: [{port: 80}, {port: 443}]'));
  assert.deepEqual(errs(r), [
    ['service-ports', 'spec.ports[0].name', 'spec.ports[0].name: Required value'],
    ['service-ports', 'spec.ports[1].name', 'spec.ports[1].name: Required value'],
  ]);
});

test('G02: one unnamed port is accepted', () => {
  assert.deepEqual(errs(run(svc('selector: {app: web}\nports: [{port: 80}]'))), []);
});

test('G04: a 20-character targetPort name is too long for IANA_SVC_NAME', () => {
  const r = run(svc('selector: {app: web}\nports: [{port: 80, targetPort: metrics-endpoint-xyz}]'));
  assert.deepEqual(errs(r), [['service-ports', 'spec.ports[0].targetPort', 'spec.ports[0].targetPort: Invalid value: "metrics-endpoint-xyz": must be no more than 15 characters']]);
});

test('G05: port name HTTP is not an RFC 1123 label', () => {
  const r = run(svc('selector: {app: web}\nports: [{name: HTTP, port: 80}]'));
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.field, 'spec.ports[0].name');
  assert.match(r.errors[0]!.message, /spec\.ports\[0\]\.name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of lower case alphanumeric characters/);
});

test('G07: two ports named http: Duplicate value on the second', () => {
  const r = run(svc('selector: {app: web}\nports: [{name: http, port: 80}, {name: http, port: 8080}]'));
  assert.deepEqual(errs(r), [['service-ports', 'spec.ports[1].name', 'spec.ports[1].name: Duplicate value: "http"']]);
});

test('G08: same protocol and port twice: Duplicate value on spec.ports[1]', () => {
  const r = run(svc('selector: {app: web}\nports: [{name: a, port: 80}, {name: b, port: 80}]'));
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.field, 'spec.ports[1]');
  assert.match(r.errors[0]!.message, /\(API server: spec\.ports\[1\]: Duplicate value: /);
});

test('G10: nodePort 30000 (static band) is accepted', () => {
  assert.deepEqual(errs(run(svc('type: NodePort\nselector: {app: web}\nports: [{port: 80, nodePort: 30000}]'))), []);
});

test('G11: nodePort 32768 is outside the default range', () => {
  const r = run(svc('type: NodePort\nselector: {app: web}\nports: [{port: 80, nodePort: 32768}]'));
  assert.deepEqual(errs(r), [['service-node-port', 'spec.ports[0].nodePort', 'spec.ports[0].nodePort: Invalid value: 32768: provided port is not in the valid range. The range of valid ports is 30000-32767']]);
});

test('G13: nodePort on a ClusterIP Service is Forbidden', () => {
  const r = run(svc('selector: {app: web}\nports: [{port: 80, nodePort: 30080}]'));
  assert.deepEqual(errs(r), [['service-ports', 'spec.ports[0].nodePort', "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]]);
});

test('G14: clusterIP None with type NodePort', () => {
  const r = run(svc('type: NodePort\nclusterIP: None\nselector: {app: web}\nports: [{port: 80}]'));
  assert.deepEqual(errs(r), [['service-cluster-ip', 'spec.clusterIPs[0]', `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`]]);
  assert.equal(r.text.slice(r.errors[0]!.range.start, r.errors[0]!.range.end), 'None');
});

test('G15: clusterIP None with type LoadBalancer', () => {
  const r = run(svc('type: LoadBalancer\nclusterIP: None\nselector: {app: web}\nports: [{port: 80}]'));
  assert.deepEqual(errs(r), [['service-cluster-ip', 'spec.clusterIPs[0]', `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services`]]);
});

test('G16: ExternalName without externalName', () => {
  const r = run(svc('type: ExternalName'));
  assert.deepEqual(errs(r), [['service-external-name', 'spec.externalName', 'spec.externalName: Required value']]);
});

test('G18: ExternalName with a selector and matching pods is accepted (no error)', () => {
  const deploy =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\nspec:\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - name: db\n        image: postgres:16\n        ports: [{containerPort: 5432}]\n';
  const r = run(svc('type: ExternalName\nexternalName: db.example.com\nselector: {app: db}\nports: [{port: 5432}]', 'db') + '---\n' + deploy);
  assert.deepEqual(errs(r), []);
});

test('G20: externalName with an underscore is not a DNS-1123 subdomain', () => {
  const r = run(svc('type: ExternalName\nexternalName: my_db.example.com'));
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.field, 'spec.externalName');
  assert.match(r.errors[0]!.message, /spec\.externalName: Invalid value: "my_db\.example\.com": a lowercase RFC 1123 subdomain/);
});

test('G22: a Service name starting with a digit is not a DNS-1035 label', () => {
  const r = run(svc('selector: {app: web}\nports: [{port: 80}]', '1-backend'));
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.field, 'metadata.name');
  assert.match(r.errors[0]!.message, /metadata\.name: Invalid value: "1-backend": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  assert.match(r.errors[0]!.message, /RelaxedServiceNameValidation/);
});

test('G30: targetPort omitted or 0 defaults to port (no error)', () => {
  assert.deepEqual(errs(run(svc('selector: {app: web}\nports: [{port: 80}]'))), []);
  assert.deepEqual(errs(run(svc('selector: {app: web}\nports: [{port: 80, targetPort: 0}]'))), []);
});

test('G37: a headless Service with no ports is accepted (no error)', () => {
  assert.deepEqual(errs(run(svc('clusterIP: None\nselector: {app: web}'))), []);
});

test('G40: sessionAffinity ClientIP without a config is accepted (timeout defaulted)', () => {
  assert.deepEqual(errs(run(svc('sessionAffinity: ClientIP\nselector: {app: web}\nports: [{port: 80}]'))), []);
});

test('G42: sessionAffinity None with a sessionAffinityConfig is not an error (defaulting drops it)', () => {
  assert.deepEqual(errs(run(svc('sessionAffinity: None\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 100}}\nselector: {app: web}\nports: [{port: 80}]'))), []);
});

test('G43: externalTrafficPolicy Local on a ClusterIP Service without externalIPs', () => {
  const r = run(svc('externalTrafficPolicy: Local\nselector: {app: web}\nports: [{port: 80}]'));
  assert.deepEqual(errs(r), [['service-traffic-policy', 'spec.externalTrafficPolicy', 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']]);
});

test('G45: healthCheckNodePort on a NodePort Service', () => {
  const r = run(svc('type: NodePort\nexternalTrafficPolicy: Local\nhealthCheckNodePort: 31000\nselector: {app: web}\nports: [{port: 80}]'));
  assert.deepEqual(errs(r), [
    ['service-traffic-policy', 'spec.healthCheckNodePort', "spec.healthCheckNodePort: Invalid value: 31000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"],
  ]);
});

test('G49: loadBalancerSourceRanges on a NodePort Service (capitalised field path)', () => {
  const r = run(svc('type: NodePort\nloadBalancerSourceRanges: [10.0.0.0/8]\nselector: {app: web}\nports: [{port: 80}]'));
  assert.deepEqual(errs(r), [['service-load-balancer-fields', 'spec.LoadBalancerSourceRanges', "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"]]);
});

test('G53: clusterIP outside the Service CIDR fails allocation', () => {
  const r = run(svc('clusterIP: 10.200.0.10\nselector: {app: web}\nports: [{port: 80}]'));
  assert.deepEqual(errs(r), [
    ['service-cluster-ip', 'spec.clusterIPs', 'spec.clusterIPs: Invalid value: ["10.200.0.10"]: failed to allocate IP 10.200.0.10: the provided IP (10.200.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
  ]);
  assert.equal(r.text.slice(r.errors[0]!.range.start, r.errors[0]!.range.end), '10.200.0.10');
  // With a cluster whose range contains it, the same Service is accepted.
  assert.deepEqual(errs(run(r.text, { settings: { serviceCIDR: '10.200.0.0/16' } })), []);
});

test('§0.4 item 4: two ports with different numbers asking for one nodePort fail even with different protocols', () => {
  const r = run(svc('type: NodePort\nselector: {app: web}\nports:\n- {name: web, port: 80, nodePort: 30080}\n- {name: statsd, port: 8125, protocol: UDP, nodePort: 30080}'));
  assert.deepEqual(errs(r), [['service-node-port', 'spec.ports[1].nodePort', 'spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated']]);
});

test('§0.4 item 5: clusterIPs without clusterIP is rejected', () => {
  const r = run(svc('clusterIPs: [10.96.0.20]\nselector: {app: web}\nports: [{port: 80}]'));
  assert.deepEqual(errs(r), [['service-cluster-ip', 'spec.clusterIPs', 'spec.clusterIPs: Invalid value: ["10.96.0.20"]: must be empty when `clusterIP` is not specified']]);
});
